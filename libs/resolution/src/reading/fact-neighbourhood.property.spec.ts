import { SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryFact, resolveAt } from '../domain';
import { FactLog } from '../domain/testing/fact-log';
import { SHOPS, START, policy, step, write } from '../domain/testing/random-fact-steps';
import { CreateResolutionFacts1764400020000 } from '../identity-graph/1764400020000-create-resolution-facts';
import { IndexResolutionFactsByPosition1764400022000 } from '../identity-graph/1764400022000-index-resolution-facts-by-position';
import { LeanResolutionFacts1764400060000 } from '../identity-graph/1764400060000-lean-resolution-facts';
import { writeFacts } from '../identity-graph/fact-table';
import { readNeighbourhood } from './fact-neighbourhood';

/**
 * A read resolves only the facts around the shops it asks about, walked in SQL. Whatever the facts,
 * and at whatever earlier position, the operator it finds for a shop must be the one that resolving
 * every fact (the whole graph) finds: same id, same shops.
 */
describe('the neighbourhood of a shop, read from the identity-graph table', () => {
  let dir: string;
  let db: SqlDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neighbourhood-'));
    db = await SqlDatabase.open(
      { dialect: 'sqlite', file: join(dir, 'graph.sqlite') },
      {
        migrations: [
          ...eventStoreMigrations,
          CreateResolutionFacts1764400020000,
          IndexResolutionFactsByPosition1764400022000,
          LeanResolutionFacts1764400060000,
        ],
      },
    );
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = (facts: readonly RegistryFact[]) =>
    db.write(async (tx) => {
      await tx.run('DELETE FROM resolution_facts');
      await writeFacts(
        tx,
        facts.map((fact) => ({ fact, source: fact.factId, dataKeyId: null, sourcePosition: fact.addedAt })),
      );
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
