import { resolveAt } from '../clusters-from-scratch';
import { OperatorClusters } from '../operator-clusters';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../resolution-policy';
import { ResolvedGraph, clustersOf } from '../resolved-graph';
import { FactLog } from './fact-log';

/** The log replayed one change at a time into the incremental structure, from a start date on. */
export function replay(log: FactLog, startDate: string, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): OperatorClusters {
  const live = new OperatorClusters({ position: 0, date: startDate }, policy);
  for (const change of log.changes) live.apply(change);
  return live;
}

/**
 * The graph on a date at the log's last position, built from scratch; throws when the incremental
 * structure fed the same history disagrees, so that every scenario checks both.
 */
export function resolveBothWays(log: FactLog, date: string, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): ResolvedGraph {
  const scratch = resolveAt(log.facts, log.asOf(date), policy);
  const live = replay(log, date, policy);
  const expected = JSON.stringify(clustersOf(scratch));
  const actual = JSON.stringify(live.clusters());
  if (expected !== actual) throw new Error(`incremental clusters differ from replay:\n${actual}\n${expected}`);
  return scratch;
}
