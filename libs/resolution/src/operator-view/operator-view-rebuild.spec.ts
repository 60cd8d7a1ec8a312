import { SqlDatabase } from '@registry/event-store';
import { DEFAULT_RESOLUTION_POLICY } from '../domain';
import { FactLog, id } from '../domain/testing/fact-log';
import { openGraphDatabase, storeFacts } from '../testing/graph-database';
import { OperatorViewBuilder } from './operator-view.builder';

/**
 * A rebuild at a million shops runs for minutes inside one write transaction. On the embedded store
 * each of its statements resolves at once: unless it hands the event loop a turn between walks, no
 * request (not even a health check) is answered until it is done.
 */
describe('operator view: a rebuild from the graph', () => {
  let db: SqlDatabase;
  const date = '2025-01-15';
  const log = new FactLog(date);

  beforeAll(async () => {
    db = await openGraphDatabase();
    const account = id('bankAccount', 'VCB:7');
    await db.write((tx) => storeFacts(tx, [log.claim('shopee:a', 'payout_account', account), log.claim('lazada:b', 'payout_account', account)]));
  });
  afterAll(async () => {
    await db.close();
  });

  it('leaves the event loop a turn before it is done', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    const rebuilt = await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).refresh({ position: log.lastPosition, date }));
    order.push('rebuilt');

    expect(rebuilt).toMatchObject({ rebuilt: true, shops: 2 });
    expect(order).toEqual(['turn', 'rebuilt']);
  });
});
