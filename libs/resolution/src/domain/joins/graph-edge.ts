import { Attribution, attribute } from '../facts/attribution';
import { ClaimRole, HolderAttestationFact, IdentifierRef, ShopKey, ShopSideFact, identifierKey, isAttestedKind } from '../facts/facts';
import { isIdentified } from '../facts/person';
import { JoinBasis } from '../resolution-policy';
import { periodOf, startDateOf } from '../facts/valid-period';

/**
 * One thing a shop is tied to, and the facts that tie it. Edges sharing a join key join their shops
 * (unless the key is a hub, or a nominee for a declared edge); an edge without a join key (an address,
 * a name, a phone held by two persons at once) is kept for leads and explanations only.
 */
export interface GraphEdge {
  readonly id: string;
  readonly shop: ShopKey;
  readonly fact: ShopSideFact;
  /** What the shop states; null for a link. */
  readonly identifier: IdentifierRef | null;
  readonly role: ClaimRole | 'link';
  readonly joinKey: string | null;
  readonly basis: JoinBasis | null;
  /**
   * Part of a declared identity: an identifier of a declared owner's or legal representative's claim
   * (ID number, phone, email, and the holder its attestation names), or a contact detail of the shop
   * that is that person's own (see declared-contacts.ts). Judged by the nominee rule, never a control tie.
   */
  readonly declared: boolean;
  /** A payout account or wallet: where the shop's money goes. */
  readonly money: boolean;
  readonly attribution: Attribution | null;
  /** The position from which the edge holds: the latest of the facts it rests on. */
  readonly since: number;
}

/** The second edge of an attested account or phone: its holder as a person, not a second statement of the identifier. */
export const isPersonEdge = (edge: GraphEdge): boolean => edge.basis === 'accountHolder' || edge.basis === 'phoneSubscriber';

export type AttestationLookup = (identifierKey: string) => readonly HolderAttestationFact[];

export const DECLARED_ROLES: ReadonlySet<ClaimRole | 'link'> = new Set<ClaimRole | 'link'>(['declared_owner', 'legal_representative']);

/** The edges a standing shop-side fact puts in the graph, given the attestations known for its identifiers. */
export function deriveEdges(fact: ShopSideFact, attestationsOf: AttestationLookup, readDate: string): GraphEdge[] {
  switch (fact.kind) {
    case 'shopLink':
      return fact.a === fact.b ? [] : [fact.a, fact.b].map((shop, index) => linkEdge(fact, shop, index));
    case 'shopIdentifier':
      return identifierEdges(fact, fact.identifier, fact.role, attestationsOf, readDate, 0);
    case 'pickupPoint': {
      const address = fact.address === null ? [] : identifierEdges(fact, { kind: 'address', value: fact.address }, 'pickup_point', attestationsOf, readDate, 0);
      const phone =
        fact.phone === null ? [] : identifierEdges(fact, { kind: 'phone', value: fact.phone }, 'pickup_point', attestationsOf, readDate, address.length);
      return [...address, ...phone];
    }
  }
}

function linkEdge(fact: ShopSideFact & { kind: 'shopLink' }, shop: ShopKey, index: number): GraphEdge {
  return {
    id: `${fact.factId}#${index}`,
    shop,
    fact,
    identifier: null,
    role: 'link',
    joinKey: `link:${fact.factId}`,
    basis: fact.statedBy === 'enforcement' ? 'enforcementLink' : 'platformLink',
    declared: false,
    money: false,
    attribution: null,
    since: fact.addedAt,
  };
}

function identifierEdges(
  fact: ShopSideFact & { shop: ShopKey },
  identifier: IdentifierRef,
  role: ClaimRole,
  attestationsOf: AttestationLookup,
  readDate: string,
  firstIndex: number,
): GraphEdge[] {
  // Edges are built whole, with their keys in one order, rather than spread from a common part: a
  // resolution builds one or two per claim of every shop it reads, and spreading was the largest
  // cost of building the graph (and of the garbage it left).
  const { kind } = identifier;
  const { shop } = fact;
  const key = identifierKey(identifier);
  const declared = DECLARED_ROLES.has(role);
  const money = role === 'payout_account' && (kind === 'bankAccount' || kind === 'eWallet');

  if (!isAttestedKind(kind)) {
    const joins = kind === 'nationalId' || kind === 'taxCode' || kind === 'email';
    const id = `${fact.factId}#${firstIndex}`;
    return [
      { shop, fact, identifier, role, declared, money, id, joinKey: joins ? key : null, basis: joins ? kind : null, attribution: null, since: fact.addedAt },
    ];
  }

  const attribution = attribute(startDateOf(fact), periodOf(fact), attestationsOf(key), readDate);
  const since = attribution.status === 'attested' ? latestOf(fact.addedAt, attribution.attestations) : fact.addedAt;
  const { joinKey, basis } = ownJoin(identifier, key, attribution);
  const own: GraphEdge = { shop, fact, identifier, role, declared, money, id: `${fact.factId}#${firstIndex}`, attribution, since, joinKey, basis };
  if (attribution.status !== 'attested' || !isIdentified(attribution.person)) return [own];
  const holder: GraphEdge = {
    shop,
    fact,
    identifier,
    role,
    declared,
    money: false,
    id: `${fact.factId}#${firstIndex + 1}`,
    joinKey: attribution.person.key,
    basis: kind === 'phone' ? 'phoneSubscriber' : 'accountHolder',
    attribution,
    since,
  };
  return [own, holder];
}

/** The latest position of a fact and the attestations it rests on. */
function latestOf(addedAt: number, attestations: readonly { readonly addedAt: number }[]): number {
  let latest = addedAt;
  for (const attestation of attestations) if (attestation.addedAt > latest) latest = attestation.addedAt;
  return latest;
}

/** An account joins as itself; a phone joins only with claims attributed to the same subscriber (or, unattested, to none). */
function ownJoin(identifier: IdentifierRef, key: string, attribution: Attribution): { joinKey: string | null; basis: JoinBasis | null } {
  if (identifier.kind === 'bankAccount' || identifier.kind === 'eWallet') return { joinKey: key, basis: identifier.kind };
  switch (attribution.status) {
    case 'attested':
      return { joinKey: `${key}@${attribution.person.key}`, basis: 'attestedPhone' };
    case 'unattested':
      return { joinKey: key, basis: 'unattestedPhone' };
    case 'ambiguous':
      return { joinKey: null, basis: null };
  }
}
