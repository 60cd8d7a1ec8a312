import { ShopKey } from '../facts/facts';
import { GraphEdge } from '../joins/graph-edge';
import { joinsOperators } from '../joins/join-rules';
import { seenBefore } from '../joins/operator-id';
import { JoinBasis } from '../resolution-policy';
import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';
import { UnionFind } from '../joins/union-find';

/** One join that brought two groups of an operator's shops together. */
export interface Merge {
  /** The position from which the join holds. */
  readonly position: number;
  readonly joinKey: string;
  readonly basis: JoinBasis;
  readonly strength: number;
  /** The edge that closed the join, and one edge of the other side already on the key. */
  readonly edge: GraphEdge;
  readonly counterpart: GraphEdge;
  /** The side of the closing edge, then the other, each founding shop first. */
  readonly joined: readonly [readonly ShopKey[], readonly ShopKey[]];
}

/**
 * The joins that hold an operator's shops together, taken in the given order (Kruskal over the graph
 * of shops and join keys): by position, that is how the operator formed; by strength (strongest first),
 * the last join is the weakest link the operator cannot do without.
 */
export function spanningMerges(graph: ResolvedGraph, operator: OperatorId, order: 'position' | 'strength'): Merge[] {
  const strength = (edge: GraphEdge) => graph.policy.joinStrength[edge.basis!];
  const edges = graph
    .shopsOf(operator)
    .flatMap((shop) => graph.edgesOf(shop).filter((edge) => joinsOperators(edge, graph)))
    .sort((a, b) => (order === 'strength' ? strength(b) - strength(a) : 0) || a.since - b.since || (a.id < b.id ? -1 : 1));

  const byFirstSeen = seenBefore((shop) => graph.firstSeen(shop)!);
  const sets = new UnionFind();
  const shopsByRoot = new Map<string, ShopKey[]>();
  const firstOnKey = new Map<string, GraphEdge>();
  const merges: Merge[] = [];
  for (const edge of edges) {
    const shopNode = `shop:${edge.shop}`;
    const keyNode = `key:${edge.joinKey}`;
    const shopRoot = sets.find(shopNode);
    const keyRoot = sets.find(keyNode);
    if (!firstOnKey.has(edge.joinKey!)) firstOnKey.set(edge.joinKey!, edge);
    if (shopRoot === keyRoot) continue;
    const ours = shopsByRoot.get(shopRoot) ?? [edge.shop];
    const theirs = shopsByRoot.get(keyRoot) ?? [];
    if (theirs.length > 0) {
      merges.push({
        position: edge.since,
        joinKey: edge.joinKey!,
        basis: edge.basis!,
        strength: strength(edge),
        edge,
        counterpart: firstOnKey.get(edge.joinKey!)!,
        joined: [[...ours].sort(byFirstSeen), [...theirs].sort(byFirstSeen)],
      });
    }
    sets.union(shopRoot, keyRoot);
    shopsByRoot.delete(shopRoot);
    shopsByRoot.delete(keyRoot);
    shopsByRoot.set(sets.find(shopNode), [...ours, ...theirs]);
  }
  return merges;
}
