import { ConfidenceLevel, levelOf } from './confidence-level';
import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';
import { Merge, spanningMerges } from './spanning-merges';

export interface Confidence extends ConfidenceLevel {
  /** The join the value comes from, null for one shop. */
  readonly weakestJoin: Merge | null;
}

/**
 * How sure we are that all shops of an operator have one operator: the strength of its weakest
 * necessary join. Each join has a strength by what it rests on (policy.joinStrength: an enforcement
 * link or an attested account holder 0.95 … an unattested phone 0.5); joining the shops strongest
 * first, the last join needed to hold them together is the weakest link no other path avoids
 * (the bottleneck of a maximum spanning tree). A chain is as strong as that link. The value is
 * from 0 to 1, 1 for an operator of one shop.
 */
export function confidenceOf(graph: ResolvedGraph, operator: OperatorId): Confidence {
  const merges = spanningMerges(graph, operator, 'strength');
  const weakestJoin = merges.length === 0 ? null : merges[merges.length - 1];
  return { ...levelOf(weakestJoin === null ? 1 : weakestJoin.strength, graph.policy), weakestJoin };
}
