import { AsOf } from '../facts/as-of';
import { IdentifierRef, ShopKey, identifierKey } from '../facts/facts';
import { EdgeIndex } from './edge-index';
import { GraphEdge } from './graph-edge';
import { seenBefore } from './operator-id';
import { ResolutionPolicy } from '../resolution-policy';
import { ControlGroup, OperatorId, ResolvedGraph } from './resolved-graph';

/**
 * The resolved graph as data: the edges, the shops, the hubs, the control groups, the nominees and
 * the operators. Filled by `resolveAt`; readers see it as a ResolvedGraph.
 */
export class ResolutionState implements ResolvedGraph {
  readonly edges = new EdgeIndex();
  readonly hubs = new Set<string>();
  readonly nominees = new Set<string>();
  private readonly seen = new Map<ShopKey, number>();
  private readonly groupOfShop = new Map<ShopKey, ControlGroup>();
  private readonly groupMembers = new Map<number, readonly ShopKey[]>();
  private readonly operatorOfShop = new Map<ShopKey, OperatorId>();
  private readonly operatorMembers = new Map<OperatorId, readonly ShopKey[]>();

  constructor(
    readonly policy: ResolutionPolicy,
    public asOf: AsOf,
  ) {}

  registerShop(shop: ShopKey, position: number): void {
    if (!this.seen.has(shop)) this.seen.set(shop, position);
  }

  shops(): IterableIterator<ShopKey> {
    return this.seen.keys();
  }

  firstSeen(shop: ShopKey): number | undefined {
    return this.seen.get(shop);
  }

  readonly isHub = (joinKey: string): boolean => this.hubs.has(joinKey);

  readonly isNominee = (joinKey: string): boolean => this.nominees.has(joinKey);

  edgesOf(shop: ShopKey): readonly GraphEdge[] {
    return this.edges.edgesOf(shop);
  }

  shopsOn(joinKey: string): ReadonlyMap<ShopKey, readonly GraphEdge[]> {
    return this.edges.shopsOn(joinKey);
  }

  holdersOf(identifier: IdentifierRef): readonly ShopKey[] {
    return this.edges.holdersOf(identifierKey(identifier));
  }

  holderCount(identifier: IdentifierRef): number {
    return this.edges.holderCount(identifierKey(identifier));
  }

  controlGroupOf(shop: ShopKey): ControlGroup | undefined {
    return this.groupOfShop.get(shop);
  }

  controlGroupMembers(id: number): readonly ShopKey[] {
    return this.groupMembers.get(id) ?? [];
  }

  setControlGroup(group: ControlGroup, shops: readonly ShopKey[]): void {
    this.groupMembers.set(group.id, shops);
    for (const shop of shops) this.groupOfShop.set(shop, group);
  }

  operatorOf(shop: ShopKey): OperatorId | undefined {
    return this.operatorOfShop.get(shop);
  }

  shopsOf(operator: OperatorId): readonly ShopKey[] {
    return this.operatorMembers.get(operator) ?? [];
  }

  operatorIds(): readonly OperatorId[] {
    return [...this.operatorMembers.keys()].sort();
  }

  setOperator(operator: OperatorId, shops: readonly ShopKey[]): void {
    this.operatorMembers.set(operator, [...shops].sort(seenBefore((shop) => this.seen.get(shop)!)));
    for (const shop of shops) this.operatorOfShop.set(shop, operator);
  }
}
