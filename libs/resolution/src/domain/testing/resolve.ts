import { resolveAt } from '../joins/clusters-from-scratch';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../resolution-policy';
import { ResolvedGraph } from '../joins/resolved-graph';
import { FactLog } from './fact-log';

/** The graph on a date at the log's last position. */
export const resolve = (log: FactLog, date: string, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): ResolvedGraph =>
  resolveAt(log.facts, log.asOf(date), policy);
