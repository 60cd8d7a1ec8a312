import fc from 'fast-check';
import { clustersFromScratch, resolveAt } from './clusters-from-scratch';
import { OperatorClusters } from './operator-clusters';
import { ResolvedGraph } from './resolved-graph';
import { FactLog } from './testing/fact-log';
import { SHOPS, START, policy, step, write } from './testing/random-fact-steps';

/** Everything the resolution decides per shop: its operator, its control group, and per edge its join key, hub and nominee verdicts. */
const verdicts = (graph: ResolvedGraph) =>
  SHOPS.map((shop) => [
    shop,
    graph.operatorOf(shop) ?? null,
    SHOPS.filter((other) => graph.controlGroupOf(other) !== undefined && graph.controlGroupOf(other)?.id === graph.controlGroupOf(shop)?.id),
    graph.controlGroupOf(shop)?.hasMoney ?? null,
    graph
      .edgesOf(shop)
      .map((edge) => [edge.id, edge.joinKey, edge.joinKey !== null && graph.isHub(edge.joinKey), edge.joinKey !== null && graph.isNominee(edge.joinKey)])
      .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
  ]);

describe('operator clusters kept current fact by fact', () => {
  it('equal the clusters built from scratch by replay, after every add, removal and day', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        const log = new FactLog();
        const live = new OperatorClusters({ position: 0, date: START }, policy);
        let date = START;
        for (const next of steps) {
          const applied = log.changes.length;
          date = write(log, date, next);
          for (const change of log.changes.slice(applied)) live.apply(change);
          const asOf = { position: log.lastPosition, date };
          expect(live.clusters()).toEqual(clustersFromScratch(log.facts, asOf, policy));
          expect(verdicts(live.graph)).toEqual(verdicts(resolveAt(log.facts, asOf, policy)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
