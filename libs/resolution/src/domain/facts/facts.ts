import type { ClaimRole, VerificationMethod } from '@registry/registration/domain';
import type { IdentifierKind } from '@registry/shared-kernel';

/** A shop as `platformId:shopId`. */
export type ShopKey = string;

export const shopKey = (platformId: string, shopId: string): ShopKey => `${platformId}:${shopId}`;

export const platformOf = (shop: ShopKey): string => shop.slice(0, shop.indexOf(':'));

/** An identifier by kind and value; the value is opaque (a blind index in production), compared only for equality. */
export interface IdentifierRef {
  readonly kind: IdentifierKind;
  readonly value: string;
}

export const identifierKey = (identifier: IdentifierRef): string => `${identifier.kind}:${identifier.value}`;

/** Identifiers a partner attests a holder for. */
export type AttestedKind = 'bankAccount' | 'eWallet' | 'phone';

export const isAttestedKind = (kind: IdentifierKind): kind is AttestedKind => kind === 'bankAccount' || kind === 'eWallet' || kind === 'phone';

/** Who a person is, as far as a source says: an ID number, a name, or both. */
export interface PersonIdentity {
  readonly nationalId?: string;
  readonly taxCode?: string;
  readonly personName?: string;
}

export interface Provenance {
  /** The event stream the fact comes from. */
  readonly stream: string;
  /** The claim id of a shop claim, the partner's record id of an attestation, the link stream of a link. */
  readonly sourceRef: string;
  readonly assertedBy: string;
  readonly verification: VerificationMethod;
  /** When the store recorded it (ISO timestamp). */
  readonly recordedAt: string;
}

/**
 * What every fact carries. `addedAt` and `removedAt` are event positions: a retraction, a withdrawal
 * or an erasure ends a fact at a position, it never rewrites one. The valid period is in calendar dates.
 */
interface FactBase {
  readonly factId: string;
  readonly provenance: Provenance;
  readonly addedAt: number;
  readonly removedAt: number | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** The shop exists from this position on; the earliest position of a shop decides its operator's id. */
export interface ShopRegisteredFact extends FactBase {
  readonly kind: 'shopRegistered';
  readonly shop: ShopKey;
}

/** A shop states an identifier in a role (one fact per identifier of a claim's subject). */
export interface ShopIdentifierFact extends FactBase {
  readonly kind: 'shopIdentifier';
  readonly shop: ShopKey;
  readonly identifier: IdentifierRef;
  readonly role: ClaimRole;
}

/** A bank, e-wallet or telecom attests who holds an account, a wallet or a phone number, for a period. */
export interface HolderAttestationFact extends FactBase {
  readonly kind: 'holderAttestation';
  readonly identifier: IdentifierRef & { readonly kind: AttestedKind };
  readonly holder: PersonIdentity;
}

/** A carrier attests where a shop hands over its goods and whose phone answers there. */
export interface PickupPointFact extends FactBase {
  readonly kind: 'pickupPoint';
  readonly shop: ShopKey;
  readonly address: string | null;
  readonly phone: string | null;
}

/** A platform or enforcement states that two shops belong to the same seller. */
export interface ShopLinkFact extends FactBase {
  readonly kind: 'shopLink';
  readonly a: ShopKey;
  readonly b: ShopKey;
  readonly statedBy: 'platform' | 'enforcement';
}

export type RegistryFact = ShopRegisteredFact | ShopIdentifierFact | HolderAttestationFact | PickupPointFact | ShopLinkFact;

/** The facts that put a shop on its side of the graph. */
export type ShopSideFact = ShopIdentifierFact | PickupPointFact | ShopLinkFact;

export type { ClaimRole, VerificationMethod };

export function shopsNamedBy(fact: RegistryFact): readonly ShopKey[] {
  switch (fact.kind) {
    case 'shopLink':
      return [fact.a, fact.b];
    case 'holderAttestation':
      return [];
    default:
      return [fact.shop];
  }
}
