import { Confidence, confidenceOf } from './explain/confidence';
import { OperatorSummary, summarise } from './controllers/summary';
import { Controller, rankControllers } from './controllers/controllers';
import { DeclaredOwner, declaredOwnersOf } from './controllers/declared-owners';
import { IdentifierRef, ShopKey, identifierKey, platformOf } from './facts/facts';
import { isPersonEdge } from './joins/graph-edge';
import { howFormed } from './explain/how-formed';
import { frontedCount, frontedGroups } from './hubs-and-nominees/fronted-groups';
import { NomineeSuspicion, nomineeSuspicionOf } from './controllers/nominee-suspicion';
import { OperatorId, ResolvedGraph } from './joins/resolved-graph';
import { Merge } from './explain/spanning-merges';

export interface OperatorShop {
  readonly shop: ShopKey;
  readonly platformId: string;
  readonly firstSeen: number;
  readonly declaredOwners: readonly DeclaredOwner[];
  readonly nomineeSuspected: NomineeSuspicion | null;
}

/** Who runs a set of shops, and everything that says so: the summary first, the evidence after. */
export interface OperatorProfile {
  readonly summary: OperatorSummary;
  readonly operatorId: OperatorId;
  /** The event position and date the answer reflects. */
  readonly asOf: ResolvedGraph['asOf'];
  readonly shops: readonly OperatorShop[];
  readonly controllers: readonly Controller[];
  /** Identifiers of these shops too widely shared to join anything. */
  readonly hubs: readonly { readonly joinKey: string; readonly shopCount: number }[];
  /** Declared identities of these shops that front several unrelated operators. */
  readonly nominees: readonly { readonly joinKey: string; readonly moneyGroups: number }[];
  /** Addresses and names these shops share with other shops: worth a look, never a join. */
  readonly leads: readonly { readonly identifier: IdentifierRef; readonly shopCount: number }[];
  /** The joins that hold the shops together, in order of position, with the facts behind each. */
  readonly joins: readonly Merge[];
  readonly confidence: Confidence;
}

export function describeOperator(graph: ResolvedGraph, operatorId: OperatorId): OperatorProfile | null {
  const shops = graph.shopsOf(operatorId);
  if (shops.length === 0) return null;
  const controllers = rankControllers(graph, operatorId);

  const hubs = new Map<string, number>();
  const nominees = new Map<string, number>();
  const leads = new Map<string, { identifier: IdentifierRef; shopCount: number }>();
  for (const shop of shops) {
    for (const edge of graph.edgesOf(shop)) {
      if (edge.joinKey !== null && graph.isHub(edge.joinKey)) hubs.set(edge.joinKey, graph.shopsOn(edge.joinKey).size);
      if (edge.joinKey !== null && edge.declared && graph.isNominee(edge.joinKey)) {
        nominees.set(edge.joinKey, frontedCount(frontedGroups(graph, edge.joinKey)));
      }
      const identifier = edge.identifier;
      if (identifier === null || isPersonEdge(edge) || (identifier.kind !== 'address' && identifier.kind !== 'personName')) continue;
      const shopCount = graph.holderCount(identifier);
      if (shopCount > 1) leads.set(identifierKey(identifier), { identifier, shopCount });
    }
  }

  const confidence = confidenceOf(graph, operatorId);
  return {
    summary: summarise(graph, shops, controllers, confidence),
    operatorId,
    asOf: graph.asOf,
    shops: shops.map((shop) => ({
      shop,
      platformId: platformOf(shop),
      firstSeen: graph.firstSeen(shop)!,
      declaredOwners: declaredOwnersOf(graph, shop),
      nomineeSuspected: nomineeSuspicionOf(graph, shop, controllers),
    })),
    controllers,
    hubs: [...hubs].map(([joinKey, shopCount]) => ({ joinKey, shopCount })).sort((a, b) => b.shopCount - a.shopCount),
    nominees: [...nominees].map(([joinKey, moneyGroups]) => ({ joinKey, moneyGroups })),
    leads: [...leads.values()].sort((a, b) => b.shopCount - a.shopCount),
    joins: howFormed(graph, operatorId),
    confidence,
  };
}

/** The operator of a shop, described; null for a shop the registry does not know. */
export function operatorOfShop(graph: ResolvedGraph, shop: ShopKey): OperatorProfile | null {
  const operatorId = graph.operatorOf(shop);
  return operatorId === undefined ? null : describeOperator(graph, operatorId);
}
