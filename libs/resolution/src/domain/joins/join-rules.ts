import { frontedCount, frontedGroups } from '../hubs-and-nominees/fronted-groups';
import { GraphEdge } from './graph-edge';
import { isLinkKey } from '../hubs-and-nominees/hubs';
import { ResolvedGraph } from './resolved-graph';

/**
 * Whether the edge joins its shop into an operator with the other shops on its key: never through a
 * hub, and through a declared identity only when it is not a nominee.
 */
export const joinsOperators = (edge: GraphEdge, graph: Pick<ResolvedGraph, 'isHub' | 'isNominee'>): boolean =>
  edge.joinKey !== null && !graph.isHub(edge.joinKey) && !(edge.declared && graph.isNominee(edge.joinKey));

/** Whether the edge joins control groups: every join except through a declared identity. */
export const joinsControl = (edge: GraphEdge, graph: Pick<ResolvedGraph, 'isHub'>): boolean =>
  edge.joinKey !== null && !edge.declared && !graph.isHub(edge.joinKey);

/**
 * A declared identity whose shops pay out to two or more unrelated groups (different attested
 * holders, unattested accounts with no other tie, or someone else's money beside the person's own)
 * is a nominee, not an operator.
 */
export const isNomineeIdentity = (graph: Parameters<typeof frontedGroups>[0], joinKey: string): boolean =>
  !isLinkKey(joinKey) && frontedCount(frontedGroups(graph, joinKey)) >= 2;
