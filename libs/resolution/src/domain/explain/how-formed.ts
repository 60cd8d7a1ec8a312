import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';
import { Merge, spanningMerges } from './spanning-merges';

/**
 * How an operator formed: the joins between its shops in order of position, each naming the fact
 * that closed it and the shops it brought together. It tells the history the standing facts imply;
 * joins that were retracted since are not part of it.
 */
export const howFormed = (graph: ResolvedGraph, operator: OperatorId): Merge[] => spanningMerges(graph, operator, 'position');
