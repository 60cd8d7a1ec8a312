import { SqlDatabase, StoredEvent, eventStoreMigrations } from '@registry/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registrationMigrations } from '../index';
import { ShopDirectoryProjection } from './shop-directory.projection';

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
  recordedAt: `2026-07-01T08:00:${String(position).padStart(2, '0')}.000Z`,
});
const registered = (shopId: string) => event(shopId, 1, 'ShopRegistered', { platformId: 'shopee', shopId, displayName: `Shop ${shopId}`, category: null });

describe('the shop directory', () => {
  let dir: string;
  let db: SqlDatabase;
  const projection = new ShopDirectoryProjection();
  const apply = (events: StoredEvent[]) => db.write((tx) => projection.apply(events, tx));
  const row = async (shopId: string) =>
    (
      await db.reader.rows<Record<string, unknown>>('SELECT display_name, status, claims, version, updated_at FROM shop_directory WHERE shop_id = $1', [shopId])
    )[0];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shop-directory-'));
    db = await SqlDatabase.open(
      { dialect: 'sqlite', file: join(dir, 'directory.sqlite') },
      { migrations: [...eventStoreMigrations, ...registrationMigrations] },
    );
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the live claims of a shop registered in the same batch, and its later changes', async () => {
    const added = [event('s1', 2, 'ClaimAdded'), event('s1', 3, 'ClaimAdded'), event('s1', 4, 'ClaimAdded')];
    const retracted = event('s1', 5, 'ClaimRetracted');
    await apply([registered('s1'), registered('s2'), ...added, retracted, event('s2', 2, 'ClaimAdded')]);
    expect(await row('s1')).toMatchObject({ display_name: 'Shop s1', status: 'active', claims: 2, version: 5, updated_at: retracted.recordedAt });
    expect(await row('s2')).toMatchObject({ claims: 1, version: 2 });

    await apply([event('s1', 6, 'ClaimAdded'), event('s1', 7, 'ShopClosed', { reason: 'gone' })]);
    expect(await row('s1')).toMatchObject({ status: 'closed', claims: 3, version: 7 });
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
});
