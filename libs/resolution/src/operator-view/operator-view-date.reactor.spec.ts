import { SqlDatabase, checkpoints } from '@registry/event-store';
import { RegistryConfig } from '@registry/platform';
import { FactLog, id } from '../domain/testing/fact-log';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { OperatorViewDateReactor } from './operator-view-date.reactor';
import { OPERATOR_VIEW_PROJECTION, OperatorViewProjection } from './operator-view.projection';
import { operatorViewTables } from './operator-view.store';
import { openGraphDatabase, storeFacts } from '../testing/graph-database';

/**
 * A payout account two shops share joins them until one shop's claim of it ends at midnight: no
 * event comes then, so the view moves to the new date by its date reactor.
 */
describe('operator view: a valid period that ends with no event', () => {
  let db: SqlDatabase;
  let today: string;
  let reactor: OperatorViewDateReactor;
  const projection = new OperatorViewProjection({ hubThreshold: null } as unknown as RegistryConfig);

  beforeAll(async () => {
    db = await openGraphDatabase();
    const log = new FactLog();
    log.register('shopee:a');
    log.register('lazada:b');
    log.claim('shopee:a', 'payout_account', id('bankAccount', 'VCB:777'), { validTo: '2025-03-01' });
    log.claim('lazada:b', 'payout_account', id('bankAccount', 'VCB:777'));
    await db.write(async (tx) => {
      await storeFacts(tx, log.facts);
      for (const name of [IDENTITY_GRAPH_PROJECTION, OPERATOR_VIEW_PROJECTION]) await checkpoints.ensure(tx, name);
      await checkpoints.advance(tx, IDENTITY_GRAPH_PROJECTION, 0, log.lastPosition);
      await checkpoints.advance(tx, OPERATOR_VIEW_PROJECTION, 0, log.lastPosition);
      expect(await projection.refresh(tx, '2025-03-01')).toEqual({ built: true });
    });
    reactor = new OperatorViewDateReactor(db, projection, () => today);
  });
  afterAll(async () => {
    await db.close();
  });

  const operatorIds = async () => [...(await operatorViewTables.operatorIdsOf(db.reader, ['shopee:a', 'lazada:b'])).values()];

  it('given the last day of the claim, the two shops are one operator, and the same date moves nothing', async () => {
    today = '2025-03-01';
    expect(await reactor.moveToToday()).toBe(false);
    const ids = await operatorIds();
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it('when the date passes the end of the claim, the view moves to it and the shops part', async () => {
    today = '2025-03-02';
    expect(await reactor.moveToToday()).toBe(true);
    expect(await operatorViewTables.point(db.reader)).toMatchObject({ date: '2025-03-02' });
    const ids = await operatorIds();
    expect(new Set(ids).size).toBe(2);
    expect(await reactor.position()).toMatchObject({ details: { viewDate: '2025-03-02' } });
  });
});
