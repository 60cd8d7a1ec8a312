import { ShopKey } from './facts';
import { GraphEdge } from './graph-edge';
import { ResolvedGraph } from './resolved-graph';

/**
 * The connected components that contain the seeds, walking shop → join key → shop along the edges
 * that `joins` accepts. A key is expanded once: every shop joining on it lands in the same component.
 * Hubs are never expanded (`joins` refuses them), so a walk costs the size of the components it finds.
 */
export function componentsAround(
  graph: Pick<ResolvedGraph, 'edgesOf' | 'shopsOn'>,
  seeds: Iterable<ShopKey>,
  joins: (edge: GraphEdge) => boolean,
): ShopKey[][] {
  const placed = new Set<ShopKey>();
  const expandedKeys = new Set<string>();
  const components: ShopKey[][] = [];
  for (const seed of seeds) {
    if (placed.has(seed)) continue;
    placed.add(seed);
    const component = [seed];
    // The array's iterator also visits the shops pushed during the walk: a breadth-first search.
    for (const member of component) {
      for (const edge of graph.edgesOf(member)) {
        if (!joins(edge) || expandedKeys.has(edge.joinKey!)) continue;
        expandedKeys.add(edge.joinKey!);
        for (const [shop, edges] of graph.shopsOn(edge.joinKey!)) {
          if (placed.has(shop) || !edges.some(joins)) continue;
          placed.add(shop);
          component.push(shop);
        }
      }
    }
    components.push(component);
  }
  return components;
}
