import { ShopKey, identifierKey } from '../facts/facts';
import { GraphEdge, isPersonEdge } from './graph-edge';

const NO_EDGES: readonly GraphEdge[] = [];
const NO_SHOPS: ReadonlyMap<ShopKey, readonly GraphEdge[]> = new Map();

/** The standing edges, reachable by shop, by join key and by identifier. */
export class EdgeIndex {
  private readonly byShop = new Map<ShopKey, GraphEdge[]>();
  private readonly byKey = new Map<string, Map<ShopKey, GraphEdge[]>>();
  private readonly byIdentifier = new Map<string, Map<ShopKey, number>>();

  add(edges: readonly GraphEdge[]): void {
    for (const edge of edges) {
      push(this.byShop, edge.shop, edge);
      if (edge.joinKey !== null) push(getOrCreate(this.byKey, edge.joinKey), edge.shop, edge);
      if (edge.identifier !== null && !isPersonEdge(edge)) {
        const holders = getOrCreate(this.byIdentifier, identifierKey(edge.identifier));
        holders.set(edge.shop, (holders.get(edge.shop) ?? 0) + 1);
      }
    }
  }

  edgesOf(shop: ShopKey): readonly GraphEdge[] {
    return this.byShop.get(shop) ?? NO_EDGES;
  }

  shopsOn(joinKey: string): ReadonlyMap<ShopKey, readonly GraphEdge[]> {
    return this.byKey.get(joinKey) ?? NO_SHOPS;
  }

  joinKeys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** The shops that state the identifier, whatever it joins. */
  holdersOf(identifierKey: string): readonly ShopKey[] {
    return [...(this.byIdentifier.get(identifierKey)?.keys() ?? [])];
  }

  holderCount(identifierKey: string): number {
    return this.byIdentifier.get(identifierKey)?.size ?? 0;
  }
}

function getOrCreate<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function push<K>(map: Map<K, GraphEdge[]>, key: K, edge: GraphEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}
