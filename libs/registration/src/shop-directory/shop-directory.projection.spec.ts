import { SqlDatabase, StoredEvent, eventStoreMigrations } from '@registry/event-store';
import { openTemporaryDatabase } from '../../../../test/support/databases';
import { Prng } from '../../../../test/support/prng';
import { registrationMigrations } from '../index';
import { ShopDirectoryProjection } from './shop-directory.projection';
import { GetShopStatuses, GetShopStatusesHandler } from './shop-statuses.query';

let position = 0;
const event = (shopId: string, version: number, type: string, data: Record<string, unknown> = {}): StoredEvent => ({
  id: `e${++position}`,
  stream: `shop-shopee:${shopId}`,
  version,
  position,
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c', causationId: null, principal: 'shopee-api' },
  recordedAt: new Date(Date.UTC(2026, 6, 1, 8) + position * 1000).toISOString(),
});
const registered = (shopId: string) => event(shopId, 1, 'ShopRegistered', { platformId: 'shopee', shopId, displayName: `Shop ${shopId}`, category: null });

/**
 * SQLite in a temporary folder, or, when `SHOP_DIRECTORY_TEST_POSTGRES_URL` names a PostgreSQL
 * server (the services suite sets it), a new database there: the batch's UPDATE is another
 * statement on each.
 */
function openDirectoryDatabase(): Promise<SqlDatabase> {
  return openTemporaryDatabase({ migrations: [...eventStoreMigrations, ...registrationMigrations] }, process.env.SHOP_DIRECTORY_TEST_POSTGRES_URL, 2);
}

describe('the shop directory', () => {
  let db: SqlDatabase;
  const projection = new ShopDirectoryProjection();
  const applyTo = (database: SqlDatabase, events: readonly StoredEvent[]) => database.write((tx) => projection.apply(events, tx));
  const apply = (events: readonly StoredEvent[]) => applyTo(db, events);
  const rows = (database: SqlDatabase) =>
    database.reader.rows<Record<string, unknown>>(
      `SELECT platform_id, shop_id, display_name, category, status, claims, version, registered_at, updated_at
       FROM shop_directory ORDER BY platform_id, shop_id`,
    );
  const row = async (shopId: string) => (await rows(db)).find((r) => r.shop_id === shopId);

  beforeEach(async () => {
    db = await openDirectoryDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('counts the live claims of a shop registered in the same batch, and its later changes', async () => {
    const added = [event('s1', 2, 'ClaimAdded'), event('s1', 3, 'ClaimAdded'), event('s1', 4, 'ClaimAdded')];
    const retracted = event('s1', 5, 'ClaimRetracted');
    await apply([registered('s1'), registered('s2'), ...added, retracted, event('s2', 2, 'ClaimAdded')]);
    expect(await row('s1')).toMatchObject({
      display_name: 'Shop s1',
      status: 'active',
      claims: 2,
      version: 5,
      updated_at: db.dialect === 'sqlite' ? retracted.recordedAt : new Date(retracted.recordedAt),
    });
    expect(await row('s2')).toMatchObject({ claims: 1, version: 2 });

    await apply([event('s1', 6, 'ClaimAdded'), event('s1', 7, 'ShopClosed', { reason: 'gone' })]);
    expect(await row('s1')).toMatchObject({ status: 'closed', claims: 3, version: 7 });
  });

  it('tells the status of each listed shop asked, once for a shop asked twice, none for a shop not listed', async () => {
    await apply([registered('s1'), registered('s2'), registered('s3'), event('s2', 2, 'ShopSuspended', { reason: 'review' })]);

    const statuses = await new GetShopStatusesHandler(db).execute(new GetShopStatuses(['shopee:s2', 'shopee:s1', 'shopee:s2', 'shopee:nope', 'lazada:s1']));

    expect(statuses).toEqual(
      new Map([
        ['shopee:s2', 'suspended'],
        ['shopee:s1', 'active'],
      ]),
    );
    expect(await new GetShopStatusesHandler(db).execute(new GetShopStatuses([]))).toEqual(new Map());
  });

  it('applies a change that is not a claim in the order of the batch, after the claims before it', async () => {
    await apply([
      registered('s3'),
      event('s3', 2, 'ClaimAdded'),
      event('s3', 3, 'ShopProfileChanged', { changes: { displayName: 'Renamed' } }),
      event('s3', 4, 'ClaimAdded'),
      event('s3', 5, 'ShopSuspended', { reason: 'audit' }),
    ]);
    expect(await row('s3')).toMatchObject({ display_name: 'Renamed', status: 'suspended', claims: 2, version: 5 });
  });

  it('gives the rows of one event at a time to a batch of many changes to shops listed already', async () => {
    const random = new Prng('shop-directory-batch');
    const shops = Array.from({ length: 40 }, (_, n) => `b${n}`);
    const versions = new Map(shops.map((shop) => [shop, 1]));
    const next = (shopId: string, type: string, data: Record<string, unknown> = {}) => {
      const version = versions.get(shopId)! + 1;
      versions.set(shopId, version);
      return event(shopId, version, type, data);
    };
    const listed = shops.map(registered);
    const batch: StoredEvent[] = [];
    for (let n = 0; n < 600; n++) {
      const shopId = random.pick(shops);
      batch.push(
        random.weighted(
          [
            () => next(shopId, 'ClaimAdded'),
            () => next(shopId, 'ClaimRetracted'),
            () => next(shopId, 'ClaimVerified'),
            () => next(shopId, 'ShopProfileChanged', { changes: random.chance(0.5) ? { displayName: `Shop ${shopId} #${n}` } : { category: `c${n}` } }),
            () => next(shopId, random.pick(['ShopSuspended', 'ShopReinstated', 'ShopClosed']), { reason: 'r' }),
          ],
          [60, 10, 10, 10, 10],
        )(),
      );
      if (random.chance(0.02)) {
        const newShop = `n${n}`;
        versions.set(newShop, 1);
        shops.push(newShop);
        batch.push(registered(newShop));
      }
    }
    const oneAtATime = await openDirectoryDatabase();
    try {
      await apply(listed);
      await applyTo(oneAtATime, listed);

      await apply(batch);
      for (const stored of batch) await applyTo(oneAtATime, [stored]);

      const expected = await rows(oneAtATime);
      expect(expected.length).toBe(shops.length);
      expect(await rows(db)).toEqual(expected);
    } finally {
      await oneAtATime.close();
    }
  });
});
