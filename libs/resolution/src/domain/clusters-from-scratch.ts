import { AsOf, graphAt } from './as-of';
import { HolderAttestationFact, RegistryFact, ShopSideFact, identifierKey } from './facts';
import { GraphEdge, deriveEdges } from './graph-edge';
import { isNomineeIdentity, joinsControl, joinsOperators } from './join-rules';
import { foundingShop, operatorIdOf } from './operator-id';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from './resolution-policy';
import { ResolutionState } from './resolution-state';
import { Cluster, ResolvedGraph, clustersOf } from './resolved-graph';
import { UnionFind } from './union-find';

/**
 * Resolves the graph at `asOf` by replaying every fact: the reference the incremental structure is
 * checked against, and the way to answer a read about a past point from the facts of a neighbourhood.
 * Three passes: control groups (joins through everything but declared identities and hubs), then
 * nominees (declared identities fronting two or more control groups with money), then operators.
 */
export function resolveAt(facts: readonly RegistryFact[], asOf: AsOf, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): ResolvedGraph {
  const standing = graphAt(facts, asOf);
  const state = new ResolutionState(policy, asOf);
  for (const [shop, position] of standing.firstSeen) state.registerShop(shop, position);

  const attestations = new Map<string, HolderAttestationFact[]>();
  for (const fact of standing.facts) {
    if (fact.kind !== 'holderAttestation') continue;
    const key = identifierKey(fact.identifier);
    attestations.set(key, [...(attestations.get(key) ?? []), fact]);
  }
  for (const fact of standing.facts) {
    if (fact.kind === 'holderAttestation' || fact.kind === 'shopRegistered') continue;
    state.edges.add(deriveEdges(fact as ShopSideFact, (key) => attestations.get(key) ?? []));
  }

  groupsJoinedBy(state, (edge) => joinsControl(edge, state)).forEach((shops, id) => {
    const hasMoney = shops.some((shop) => state.edgesOf(shop).some((edge) => edge.money));
    state.setControlGroup({ id, hasMoney }, shops);
  });
  for (const key of [...state.edges.joinKeys()]) if (isNomineeIdentity(state, key)) state.nominees.add(key);

  for (const shops of groupsJoinedBy(state, (edge) => joinsOperators(edge, state))) {
    state.setOperator(operatorIdOf(foundingShop(shops, (shop) => state.firstSeen(shop)!)), shops);
  }
  return state;
}

/** The operators at `asOf`, built from scratch. */
export const clustersFromScratch = (facts: readonly RegistryFact[], asOf: AsOf, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY): Cluster[] =>
  clustersOf(resolveAt(facts, asOf, policy));

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
