import { ShopKey } from './facts';
import { GraphEdge } from './graph-edge';
import { ResolutionPolicy } from './resolution-policy';
import { ResolvedGraph } from './resolved-graph';

const isLinkKey = (joinKey: string) => joinKey.startsWith('link:');

/** A link is a statement about two shops, never a hub; any other key shared by too many shops is. */
export const isHubKey = (joinKey: string, degree: number, policy: ResolutionPolicy): boolean =>
  !isLinkKey(joinKey) && degree > policy.hubThreshold;

/** Whether the edge joins its shop into an operator with the other shops on its key. */
export const joinsOperators = (edge: GraphEdge, graph: Pick<ResolvedGraph, 'isHub' | 'isNominee'>): boolean =>
  edge.joinKey !== null && !graph.isHub(edge.joinKey) && !(edge.declared && graph.isNominee(edge.joinKey));

/** Whether the edge joins control groups: every join except through a declared identity. */
export const joinsControl = (edge: GraphEdge, graph: Pick<ResolvedGraph, 'isHub'>): boolean =>
  edge.joinKey !== null && !edge.declared && !graph.isHub(edge.joinKey);

/**
 * The control groups with money among the shops an identity is declared for, with those shops.
 * Groups are numbered by the graph; only their count and members matter.
 */
export function moneyGroupsFronted(graph: Pick<ResolvedGraph, 'shopsOn' | 'controlGroupOf'>, joinKey: string): Map<number, ShopKey[]> {
  const groups = new Map<number, ShopKey[]>();
  for (const [shop, edges] of graph.shopsOn(joinKey)) {
    if (!edges.some((edge) => edge.declared)) continue;
    const group = graph.controlGroupOf(shop);
    if (!group?.hasMoney) continue;
    const shops = groups.get(group.id);
    if (shops) shops.push(shop);
    else groups.set(group.id, [shop]);
  }
  return groups;
}

/**
 * A declared identity whose shops pay out to two or more groups that nothing else connects (different
 * attested holders, or unattested accounts with no other tie) is a nominee, not an operator.
 */
export const isNomineeIdentity = (graph: Pick<ResolvedGraph, 'shopsOn' | 'controlGroupOf' | 'isHub'>, joinKey: string): boolean =>
  !isLinkKey(joinKey) && !graph.isHub(joinKey) && moneyGroupsFronted(graph, joinKey).size >= 2;
