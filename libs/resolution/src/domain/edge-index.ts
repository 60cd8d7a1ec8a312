import { ShopKey, identifierKey } from './facts';
import { GraphEdge, isPersonEdge } from './graph-edge';

const NO_EDGES: readonly GraphEdge[] = [];
const NO_SHOPS: ReadonlyMap<ShopKey, readonly GraphEdge[]> = new Map();

/** The standing edges, reachable by shop, by join key, by identifier and by the fact that made them. */
export class EdgeIndex {
  private readonly byShop = new Map<ShopKey, GraphEdge[]>();
  private readonly byKey = new Map<string, Map<ShopKey, GraphEdge[]>>();
  private readonly byIdentifier = new Map<string, Map<ShopKey, number>>();
  private readonly byFact = new Map<string, GraphEdge[]>();
  /** The join keys the statements of an identifier made: a phone's are one per subscriber (and one unattested). */
  private readonly keysByIdentifier = new Map<string, Map<string, number>>();

  add(edges: readonly GraphEdge[]): void {
    for (const edge of edges) {
      push(this.byShop, edge.shop, edge);
      push(this.byFact, edge.fact.factId, edge);
      if (edge.joinKey !== null) push(getOrCreate(this.byKey, edge.joinKey), edge.shop, edge);
      if (edge.identifier !== null && !isPersonEdge(edge)) {
        const holders = getOrCreate(this.byIdentifier, identifierKey(edge.identifier));
        holders.set(edge.shop, (holders.get(edge.shop) ?? 0) + 1);
        if (edge.joinKey !== null) {
          const keys = getOrCreate(this.keysByIdentifier, identifierKey(edge.identifier));
          keys.set(edge.joinKey, (keys.get(edge.joinKey) ?? 0) + 1);
        }
      }
    }
  }

  /** Takes out every edge the fact made and returns them. */
  removeFact(factId: string): readonly GraphEdge[] {
    const edges = this.byFact.get(factId) ?? [];
    this.byFact.delete(factId);
    for (const edge of edges) {
      pull(this.byShop, edge.shop, edge);
      if (edge.joinKey !== null) {
        const shops = this.byKey.get(edge.joinKey)!;
        pull(shops, edge.shop, edge);
        if (shops.size === 0) this.byKey.delete(edge.joinKey);
      }
      if (edge.identifier !== null && !isPersonEdge(edge)) {
        const key = identifierKey(edge.identifier);
        const holders = this.byIdentifier.get(key)!;
        const count = holders.get(edge.shop)! - 1;
        if (count > 0) holders.set(edge.shop, count);
        else holders.delete(edge.shop);
        if (holders.size === 0) this.byIdentifier.delete(key);
        if (edge.joinKey !== null) {
          const keys = this.keysByIdentifier.get(key)!;
          const left = keys.get(edge.joinKey)! - 1;
          if (left > 0) keys.set(edge.joinKey, left);
          else keys.delete(edge.joinKey);
          if (keys.size === 0) this.keysByIdentifier.delete(key);
        }
      }
    }
    return edges;
  }

  edgesOf(shop: ShopKey): readonly GraphEdge[] {
    return this.byShop.get(shop) ?? NO_EDGES;
  }

  edgesOfFact(factId: string): readonly GraphEdge[] {
    return this.byFact.get(factId) ?? NO_EDGES;
  }

  shopsOn(joinKey: string): ReadonlyMap<ShopKey, readonly GraphEdge[]> {
    return this.byKey.get(joinKey) ?? NO_SHOPS;
  }

  /** How many shops share the join key. */
  degree(joinKey: string): number {
    return this.byKey.get(joinKey)?.size ?? 0;
  }

  joinKeys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** The shops that state the identifier, whatever it joins. */
  holdersOf(identifierKey: string): readonly ShopKey[] {
    return [...(this.byIdentifier.get(identifierKey)?.keys() ?? [])];
  }

  /** The join keys the identifier's statements stand on. */
  joinKeysOf(identifierKey: string): readonly string[] {
    return [...(this.keysByIdentifier.get(identifierKey)?.keys() ?? [])];
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

function pull<K>(map: Map<K, GraphEdge[]>, key: K, edge: GraphEdge): void {
  const list = map.get(key)!;
  const remaining = list.filter((other) => other.id !== edge.id);
  if (remaining.length > 0) map.set(key, remaining);
  else map.delete(key);
}
