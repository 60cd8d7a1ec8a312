import { IdentifierRef, ShopKey, identifierKey } from '../facts/facts';
import { GraphEdge, isPersonEdge } from '../joins/graph-edge';
import { frontedCount, frontedGroups } from '../hubs-and-nominees/fronted-groups';
import { joinsOperators } from '../joins/join-rules';
import { PersonRef } from '../facts/person';
import { JoinBasis } from '../resolution-policy';
import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';

/** One link of the chain between two shops: `from` and `to` share `joinKey`, by these two edges. */
export interface ChainStep {
  readonly from: ShopKey;
  readonly to: ShopKey;
  readonly joinKey: string;
  readonly basis: JoinBasis;
  readonly fromEdge: GraphEdge;
  readonly toEdge: GraphEdge;
}

/** What keeps two operators apart although their shops share something. */
export type WhyNot =
  | { readonly kind: 'unknownShop'; readonly shop: ShopKey }
  /** `shopCount` as far as the graph read counts it; `moreThan` when counting stopped at a cap (a read of a neighbourhood). */
  | { readonly kind: 'hub'; readonly joinKey: string; readonly shopCount: number; readonly moreThan: boolean }
  | { readonly kind: 'nominee'; readonly joinKey: string; readonly moneyGroups: number }
  | { readonly kind: 'differentSubscribers'; readonly identifier: IdentifierRef; readonly subscribers: readonly SubscriberOf[] }
  | { readonly kind: 'leadOnly'; readonly identifier: IdentifierRef; readonly shopCount: number }
  | { readonly kind: 'nothingShared' };

export interface SubscriberOf {
  readonly shop: ShopKey;
  /** Null when no partner attests it, or when two persons are attested at once. */
  readonly person: PersonRef | null;
}

export type WhyAnswer =
  | { readonly joined: true; readonly operatorId: OperatorId; readonly chain: readonly ChainStep[] }
  | { readonly joined: false; readonly operators: readonly [OperatorId | null, OperatorId | null]; readonly reasons: readonly WhyNot[] };

/**
 * Why two shops have one operator (the shortest chain of shared identifiers and the facts behind each
 * link), or why not: what their operators share that does not join them (a hub, a nominee, a phone
 * held by different subscribers, an address or a name). Only direct sharing between the two
 * operators is examined; a path through a third operator is not searched.
 */
export function why(graph: ResolvedGraph, a: ShopKey, b: ShopKey): WhyAnswer {
  const operatorA = graph.operatorOf(a) ?? null;
  const operatorB = graph.operatorOf(b) ?? null;
  if (operatorA === null || operatorB === null) {
    const unknown = [a, b].filter((shop) => graph.operatorOf(shop) === undefined).map((shop): WhyNot => ({ kind: 'unknownShop', shop }));
    return { joined: false, operators: [operatorA, operatorB], reasons: unknown };
  }
  if (operatorA === operatorB) return { joined: true, operatorId: operatorA, chain: chainBetween(graph, a, b) };
  return { joined: false, operators: [operatorA, operatorB], reasons: whatKeepsApart(graph, operatorA, operatorB) };
}

function chainBetween(graph: ResolvedGraph, a: ShopKey, b: ShopKey): ChainStep[] {
  const joins = (edge: GraphEdge) => joinsOperators(edge, graph);
  const reachedBy = new Map<ShopKey, ChainStep | null>([[a, null]]);
  const queue = [a];
  const expanded = new Set<string>();
  for (let next = 0; next < queue.length && !reachedBy.has(b); next++) {
    const shop = queue[next];
    for (const fromEdge of graph.edgesOf(shop).filter(joins)) {
      const joinKey = fromEdge.joinKey!;
      if (expanded.has(joinKey)) continue;
      expanded.add(joinKey);
      for (const [other, edges] of graph.shopsOn(joinKey)) {
        const toEdge = edges.find(joins);
        if (reachedBy.has(other) || !toEdge) continue;
        reachedBy.set(other, { from: shop, to: other, joinKey, basis: fromEdge.basis!, fromEdge, toEdge });
        queue.push(other);
      }
    }
  }
  const chain: ChainStep[] = [];
  for (let step = reachedBy.get(b); step; step = reachedBy.get(step.from)) chain.unshift(step);
  return chain;
}

function whatKeepsApart(graph: ResolvedGraph, operatorA: OperatorId, operatorB: OperatorId): WhyNot[] {
  const theirs = new Map<string, GraphEdge[]>();
  const remember = (key: string, edge: GraphEdge) => theirs.set(key, [...(theirs.get(key) ?? []), edge]);
  for (const shop of graph.shopsOf(operatorB)) {
    for (const edge of graph.edgesOf(shop)) {
      if (edge.joinKey !== null) remember(`join|${edge.joinKey}`, edge);
      if (edge.identifier !== null && !isPersonEdge(edge)) remember(`id|${identifierKey(edge.identifier)}`, edge);
    }
  }

  const reasons = new Map<string, WhyNot>();
  for (const shop of graph.shopsOf(operatorA)) {
    for (const edge of graph.edgesOf(shop)) {
      const key = edge.joinKey;
      if (key !== null && theirs.has(`join|${key}`)) {
        if (graph.isHub(key)) reasons.set(`hub|${key}`, { kind: 'hub', joinKey: key, shopCount: graph.shopsOn(key).size, moreThan: false });
        else if (edge.declared && graph.isNominee(key))
          reasons.set(`nominee|${key}`, { kind: 'nominee', joinKey: key, moneyGroups: frontedCount(frontedGroups(graph, key)) });
      }
      if (edge.identifier === null || isPersonEdge(edge)) continue;
      const id = identifierKey(edge.identifier);
      const shared = theirs.get(`id|${id}`);
      if (!shared) continue;
      if (edge.identifier.kind === 'address' || edge.identifier.kind === 'personName') {
        reasons.set(`lead|${id}`, { kind: 'leadOnly', identifier: edge.identifier, shopCount: graph.holderCount(edge.identifier) });
      } else if (edge.identifier.kind === 'phone' && (key === null || shared.some((other) => other.joinKey !== key))) {
        const previous = reasons.get(`phone|${id}`);
        const subscribers = previous?.kind === 'differentSubscribers' ? [...previous.subscribers] : [];
        for (const holder of [edge, ...shared]) {
          const person = holder.attribution?.status === 'attested' ? holder.attribution.person : null;
          if (!subscribers.some((s) => s.shop === holder.shop && s.person?.key === person?.key)) subscribers.push({ shop: holder.shop, person });
        }
        reasons.set(`phone|${id}`, { kind: 'differentSubscribers', identifier: edge.identifier, subscribers });
      }
    }
  }
  return reasons.size > 0 ? [...reasons.values()] : [{ kind: 'nothingShared' }];
}
