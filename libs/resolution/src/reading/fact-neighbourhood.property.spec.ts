import { SqlDatabase } from '@registry/event-store';
import fc from 'fast-check';
import { RegistryFact, resolveAt } from '../domain';
import { FactLog } from '../domain/testing/fact-log';
import { SHOPS, START, policy, step, write } from '../domain/testing/random-fact-steps';
import { readNeighbourhood } from './fact-neighbourhood';
import { openGraphDatabase, storeFacts } from '../testing/graph-database';

/**
 * A read resolves only the facts around the shops it asks about, walked in SQL. Whatever the facts,
 * and at whatever earlier position, the operator it finds for a shop must be the one that resolving
 * every fact (the whole graph) finds: same id, same shops.
 */
describe('the neighbourhood of a shop, read from the identity-graph table', () => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await openGraphDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const store = (facts: readonly RegistryFact[]) =>
    db.write(async (tx) => {
      await tx.run('DELETE FROM resolution_facts');
      await storeFacts(tx, facts);
    });

  it('resolves every shop to the operator the whole graph gives it, now and at any earlier position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), fc.nat(), async (steps, pick) => {
        const log = new FactLog();
        let date = START;
        for (const next of steps) date = write(log, date, next);
        await store(log.facts);
        for (const position of new Set([log.lastPosition, pick % (log.lastPosition + 1)])) {
          const asOf = { position, date };
          const whole = resolveAt(log.facts, asOf, policy);
          for (const shop of SHOPS) {
            const around = await readNeighbourhood(db.reader, [shop], position, { policy, maxShops: 1000, date });
            const local = resolveAt(around.facts, asOf, policy);
            const operator = whole.operatorOf(shop);
            expect([shop, local.operatorOf(shop)]).toEqual([shop, operator]);
            if (operator !== undefined) expect(local.shopsOf(operator)).toEqual(whole.shopsOf(operator));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
