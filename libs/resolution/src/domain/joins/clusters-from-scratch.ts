import { AsOf, graphAt, standsAt } from '../facts/as-of';
import { HolderAttestationFact, RegistryFact, ShopKey, ShopSideFact, identifierKey } from '../facts/facts';
import { markDeclaredContacts } from './declared-contacts';
import { AttestationLookup, GraphEdge, deriveEdges } from './graph-edge';
import { findHubs } from '../hubs-and-nominees/hubs';
import { isNomineeIdentity, joinsControl, joinsOperators } from './join-rules';
import { foundingShop, operatorIdOf } from './operator-id';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../resolution-policy';
import { ResolutionState } from './resolution-state';
import { ResolvedGraph } from './resolved-graph';
import { UnionFind } from './union-find';

/** A graph's edges and hubs at a point: all a key's hub verdict reads (see reading/fact-neighbourhood.ts). */
export type HubGraph = Pick<ResolvedGraph, 'edgesOf' | 'shopsOn' | 'holdersOf' | 'isHub'>;

/**
 * Resolves the graph at `asOf` from the facts: the whole graph, or the facts of a neighbourhood read
 * for one answer (see reading/fact-neighbourhood.ts), which gives the same operators for its shops.
 * Four passes: hubs (keys shared by too many otherwise unrelated groups), control groups (joins
 * through everything but declared identities and hubs), nominees (declared identities fronting two
 * or more unrelated groups with money), then operators.
 */
export function resolveAt(facts: readonly RegistryFact[], asOf: AsOf, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): ResolvedGraph {
  const state = edgesResolved(facts, asOf, policy);
  for (const hub of findHubs(state.edges, policy)) state.hubs.add(hub);
  groupsJoinedBy(state, (edge) => joinsControl(edge, state)).forEach((shops, id) => {
    // A payment intermediary's collection account (a hub) says nothing about whose money it is.
    const hasMoney = shops.some((shop) => state.edgesOf(shop).some((edge) => edge.money && !state.isHub(edge.joinKey!)));
    state.setControlGroup({ id, hasMoney }, shops);
  });
  for (const key of [...state.edges.joinKeys()]) if (isNomineeIdentity(state, key)) state.nominees.add(key);

  for (const shops of groupsJoinedBy(state, (edge) => joinsOperators(edge, state))) {
    state.setOperator(operatorIdOf(foundingShop(shops, (shop) => state.firstSeen(shop)!)), shops);
  }
  return state;
}

/**
 * The edges a shop has at `asOf`, as `resolveAt` gives them to it: from the standing facts among
 * those given (the facts naming the shop), with the standing attestations on a key (`attestationsOf`)
 * attributing its claims, and its declared person's own contacts marked as declared.
 */
export function shopEdgesAt(shop: ShopKey, facts: readonly RegistryFact[], attestationsOf: AttestationLookup, asOf: AsOf): readonly GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const fact of facts) {
    if (fact.kind === 'holderAttestation' || fact.kind === 'shopRegistered' || !standsAt(fact, asOf)) continue;
    for (const edge of deriveEdges(fact, attestationsOf, asOf.date)) if (edge.shop === shop) edges.push(edge);
  }
  return markDeclaredContacts(edges);
}

/**
 * The graph of the shops' edges alone (each shop's from `shopEdgesAt`) and, when `judgeHubs`, the
 * hubs among their keys as `resolveAt` finds them: all a key's hub verdict reads, without grouping
 * shops or naming operators. Without `judgeHubs` no key is a hub: what a key's groups if no other
 * key were a hub are counted on.
 */
export function hubGraphOf(edgesOfShops: Iterable<readonly GraphEdge[]>, asOf: AsOf, policy: ResolutionPolicy, judgeHubs: boolean): HubGraph {
  const state = new ResolutionState(policy, asOf);
  for (const edges of edgesOfShops) state.edges.add(edges);
  if (judgeHubs) for (const hub of findHubs(state.edges, policy)) state.hubs.add(hub);
  return state;
}

function edgesResolved(facts: readonly RegistryFact[], asOf: AsOf, policy: ResolutionPolicy): ResolutionState {
  const standing = graphAt(facts, asOf);
  const state = new ResolutionState(policy, asOf);
  for (const [shop, position] of standing.firstSeen) state.registerShop(shop, position);

  const attestations = new Map<string, HolderAttestationFact[]>();
  for (const fact of standing.facts) {
    if (fact.kind !== 'holderAttestation') continue;
    const key = identifierKey(fact.identifier);
    const known = attestations.get(key);
    if (known) known.push(fact);
    else attestations.set(key, [fact]);
  }
  const edgesByShop = new Map<string, GraphEdge[]>();
  for (const fact of standing.facts) {
    if (fact.kind === 'holderAttestation' || fact.kind === 'shopRegistered') continue;
    for (const edge of deriveEdges(fact as ShopSideFact, (key) => attestations.get(key) ?? [], asOf.date)) {
      const edges = edgesByShop.get(edge.shop);
      if (edges) edges.push(edge);
      else edgesByShop.set(edge.shop, [edge]);
    }
  }
  for (const edges of edgesByShop.values()) state.edges.add(markDeclaredContacts(edges));
  return state;
}

function groupsJoinedBy(state: ResolutionState, joins: (edge: GraphEdge) => boolean): string[][] {
  const sets = new UnionFind();
  for (const shop of state.shops()) sets.add(shop);
  for (const key of state.edges.joinKeys()) {
    let first: string | undefined;
    for (const [shop, edges] of state.shopsOn(key)) {
      if (!edges.some(joins)) continue;
      if (first === undefined) first = shop;
      else sets.union(first, shop);
    }
  }
  return sets.groups();
}
