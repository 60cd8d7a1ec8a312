import { Disturbance } from './disturbance';
import { HolderAttestationFact, RegistryFact, ShopSideFact, identifierKey, isAttestedKind } from './facts';
import { GraphEdge, deriveEdges, isPersonEdge } from './graph-edge';
import { ResolutionState } from './resolution-state';

/**
 * Keeps the edges of the state equal to those of the standing facts, noting what each change
 * disturbs. An attestation has no edge of its own: it re-derives the edges of the claims on its
 * identifier, whose holder it may change.
 */
export class StandingEdges {
  private readonly standing = new Set<string>();
  private readonly attestations = new Map<string, Map<string, HolderAttestationFact>>();
  /** Standing shop-side facts by the attested identifier (account, wallet, phone) their edges depend on. */
  private readonly attributed = new Map<string, Map<string, ShopSideFact>>();

  constructor(private readonly state: ResolutionState) {}

  has(factId: string): boolean {
    return this.standing.has(factId);
  }

  stand(fact: RegistryFact, disturbance: Disturbance): void {
    this.standing.add(fact.factId);
    if (fact.kind === 'shopRegistered') return;
    if (fact.kind === 'holderAttestation') {
      const key = identifierKey(fact.identifier);
      getOrCreate(this.attestations, key).set(fact.factId, fact);
      this.rederive(key, disturbance);
      return;
    }
    for (const key of attestedIdentifiersOf(fact)) getOrCreate(this.attributed, key).set(fact.factId, fact);
    this.putEdges(fact, disturbance);
  }

  fall(fact: RegistryFact, disturbance: Disturbance): void {
    this.standing.delete(fact.factId);
    if (fact.kind === 'shopRegistered') return;
    if (fact.kind === 'holderAttestation') {
      const key = identifierKey(fact.identifier);
      deleteFrom(this.attestations, key, fact.factId);
      this.rederive(key, disturbance);
      return;
    }
    for (const key of attestedIdentifiersOf(fact)) deleteFrom(this.attributed, key, fact.factId);
    this.takeEdges(fact.factId, disturbance);
  }

  private rederive(identifierKey: string, disturbance: Disturbance): void {
    for (const fact of this.attributed.get(identifierKey)?.values() ?? []) {
      this.takeEdges(fact.factId, disturbance);
      this.putEdges(fact, disturbance);
    }
  }

  private putEdges(fact: ShopSideFact, disturbance: Disturbance): void {
    const edges = deriveEdges(fact, (key) => [...(this.attestations.get(key)?.values() ?? [])]);
    for (const edge of edges) this.touch(edge, disturbance);
    this.state.edges.add(edges);
  }

  private takeEdges(factId: string, disturbance: Disturbance): void {
    for (const edge of this.state.edges.edgesOfFact(factId)) this.touch(edge, disturbance);
    this.state.edges.removeFact(factId);
  }

  /** Notes the edge's shop, and the hub status before the change of every key the change can flip. */
  private touch(edge: GraphEdge, disturbance: Disturbance): void {
    disturbance.shops.add(edge.shop);
    const keys = edge.joinKey === null ? [] : [edge.joinKey];
    // One more or one fewer shop stating an identifier can flip every key its statements stand on.
    if (edge.identifier !== null && !isPersonEdge(edge)) keys.push(...this.state.edges.joinKeysOf(identifierKey(edge.identifier)));
    for (const key of keys) if (!disturbance.keysWereHub.has(key)) disturbance.keysWereHub.set(key, this.state.isHub(key));
  }
}

function attestedIdentifiersOf(fact: ShopSideFact): string[] {
  if (fact.kind === 'shopIdentifier') return isAttestedKind(fact.identifier.kind) ? [identifierKey(fact.identifier)] : [];
  if (fact.kind === 'pickupPoint') return fact.phone === null ? [] : [identifierKey({ kind: 'phone', value: fact.phone })];
  return [];
}

function getOrCreate<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function deleteFrom<V>(map: Map<string, Map<string, V>>, key: string, factId: string): void {
  const inner = map.get(key)!;
  inner.delete(factId);
  if (inner.size === 0) map.delete(key);
}
