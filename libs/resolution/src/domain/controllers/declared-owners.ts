import { ClaimRole, PersonIdentity, ShopKey, VerificationMethod } from '../facts/facts';
import { DECLARED_ROLES, isPersonEdge } from '../joins/graph-edge';
import { PersonRef, personOf } from '../facts/person';
import { ResolvedGraph } from '../joins/resolved-graph';

/** Who a shop says owns or represents it: one claim, with all its identifiers. */
export interface DeclaredOwner {
  readonly shop: ShopKey;
  readonly claim: string;
  readonly role: ClaimRole;
  readonly person: PersonRef;
  readonly verification: VerificationMethod;
  /** The join keys of its ID numbers: what a nominee is known by. */
  readonly identityKeys: readonly string[];
  readonly facts: readonly string[];
}

export function declaredOwnersOf(graph: ResolvedGraph, shop: ShopKey): DeclaredOwner[] {
  const claims = new Map<string, { role: ClaimRole; identity: Record<string, string>; verification: VerificationMethod; keys: string[]; facts: string[] }>();
  for (const edge of graph.edgesOf(shop)) {
    if (!DECLARED_ROLES.has(edge.role) || edge.identifier === null || edge.fact.kind !== 'shopIdentifier') continue;
    const { sourceRef, verification } = edge.fact.provenance;
    let claim = claims.get(sourceRef);
    if (!claim) claims.set(sourceRef, (claim = { role: edge.fact.role, identity: {}, verification, keys: [], facts: [] }));
    if (!isPersonEdge(edge)) claim.identity[edge.identifier.kind] = edge.identifier.value;
    const idNumber = edge.identifier.kind === 'nationalId' || edge.identifier.kind === 'taxCode';
    if (idNumber && !isPersonEdge(edge) && edge.joinKey !== null) claim.keys.push(edge.joinKey);
    if (!claim.facts.includes(edge.fact.factId)) claim.facts.push(edge.fact.factId);
  }
  const owners: DeclaredOwner[] = [];
  for (const [claimId, claim] of claims) {
    const person = personOf(claim.identity as PersonIdentity);
    if (person === null) continue;
    owners.push({ shop, claim: claimId, role: claim.role, person, verification: claim.verification, identityKeys: claim.keys, facts: claim.facts });
  }
  return owners.sort((a, b) => (a.claim < b.claim ? -1 : 1));
}
