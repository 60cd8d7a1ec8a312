import { DomainEvent } from '@registry/shared-kernel';

export interface ShopRef {
  readonly platformId: string;
  readonly shopId: string;
}

/**
 * Who states a link. A link stands per party, so that one party never withdraws another's
 * (a platform cannot undo what enforcement found) and none learns from the answer what another stated.
 * Enforcement is one party, whose finding names the agency that made it (absent on findings
 * recorded before agencies were kept): only that agency's officers withdraw it.
 */
export type LinkParty = { readonly role: 'platform'; readonly platformId: string } | { readonly role: 'enforcement'; readonly agency?: string };

/** `role` and, for a platform, `platformId` name the party that states the link; `a` and `b` are the pair, in stream order. */
export type ShopsLinked = DomainEvent<'ShopsLinked', { a: ShopRef; b: ShopRef; evidence: string; linkedBy: string; caseReference?: string } & LinkParty>;
/** The party's own statement is withdrawn; another party's link of the same pair stands. */
export type ShopsUnlinked = DomainEvent<'ShopsUnlinked', { reason: string; unlinkedBy: string } & LinkParty>;

export type LinkEvent = ShopsLinked | ShopsUnlinked;

const key = (shop: ShopRef) => `${shop.platformId}:${shop.shopId}`;

/** The pair in one order whichever shop is named first, so that a pair has one stream. */
export function linkPair(x: ShopRef, y: ShopRef): { a: ShopRef; b: ShopRef } {
  const [a, b] = key(x) <= key(y) ? [x, y] : [y, x];
  return { a: { platformId: a.platformId, shopId: a.shopId }, b: { platformId: b.platformId, shopId: b.shopId } };
}

export const linkStream = (x: ShopRef, y: ShopRef) => {
  const { a, b } = linkPair(x, y);
  return `link-${key(a)}|${key(b)}`;
};

export const partyKey = (party: LinkParty) => (party.role === 'platform' ? `platform:${party.platformId}` : 'enforcement');
