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
  const { kind } = identifier;
  const base = {
    shop: fact.shop,
    fact,
    identifier,
    role,
    declared: DECLARED_ROLES.has(role),
    money: role === 'payout_account' && (kind === 'bankAccount' || kind === 'eWallet'),
  };
  const id = (offset: number) => `${fact.factId}#${firstIndex + offset}`;

  if (!isAttestedKind(kind)) {
    const joins = kind === 'nationalId' || kind === 'taxCode' || kind === 'email';
    return [{ ...base, id: id(0), joinKey: joins ? identifierKey(identifier) : null, basis: joins ? kind : null, attribution: null, since: fact.addedAt }];
  }

  const attribution = attribute(startDateOf(fact), periodOf(fact), attestationsOf(identifierKey(identifier)), readDate);
  const since = attribution.status === 'attested' ? Math.max(fact.addedAt, ...attribution.attestations.map((a) => a.addedAt)) : fact.addedAt;
  const own: GraphEdge = { ...base, id: id(0), attribution, since, ...ownJoin(identifier, attribution) };
  if (attribution.status !== 'attested' || !isIdentified(attribution.person)) return [own];
  const holder: GraphEdge = {
    ...base,
    id: id(1),
    money: false,
    joinKey: attribution.person.key,
    basis: kind === 'phone' ? 'phoneSubscriber' : 'accountHolder',
    attribution,
    since,
  };
  return [own, holder];
}

/** An account joins as itself; a phone joins only with claims attributed to the same subscriber (or, unattested, to none). */
function ownJoin(identifier: IdentifierRef, attribution: Attribution): { joinKey: string | null; basis: JoinBasis | null } {
  if (identifier.kind === 'bankAccount' || identifier.kind === 'eWallet') return { joinKey: identifierKey(identifier), basis: identifier.kind };
  switch (attribution.status) {
    case 'attested':
      return { joinKey: `${identifierKey(identifier)}@${attribution.person.key}`, basis: 'attestedPhone' };
    case 'unattested':
      return { joinKey: identifierKey(identifier), basis: 'unattestedPhone' };
    case 'ambiguous':
      return { joinKey: null, basis: null };
  }
}
