import { resolveAt } from '../joins/clusters-from-scratch';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../resolution-policy';
import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';
import { ShopKey } from '../facts/facts';
import { FactLog } from './fact-log';

/** The graph on a date at the log's last position. */
export const resolve = (log: FactLog, date: string, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): ResolvedGraph =>
  resolveAt(log.facts, log.asOf(date), policy);

export interface Cluster {
  readonly operatorId: OperatorId;
  readonly shops: readonly ShopKey[];
}

/** Every operator with its shops, in operator id order: the shape two resolutions are compared in. */
export const clustersOf = (graph: ResolvedGraph): Cluster[] => graph.operatorIds().map((operatorId) => ({ operatorId, shops: graph.shopsOf(operatorId) }));
