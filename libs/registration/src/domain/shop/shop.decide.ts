import { Decider, DomainError, canonicalJson } from '@registry/shared-kernel';
import { Claim, Verification, checkValidPeriod } from '../claim/claim';
import { ShopEvent, ShopProfile } from './shop.events';
import { ClaimState, ShopState, evolveShop, initialShopState } from './shop.state';

export type ShopCommand =
  | { type: 'RegisterShop'; platformId: string; shopId: string; profile: ShopProfile; claims: readonly Claim[] }
  | { type: 'ChangeShopProfile'; changes: Partial<ShopProfile> }
  | { type: 'SuspendShop'; reason: string }
  | { type: 'ReinstateShop'; reason: string }
  | { type: 'CloseShop'; reason: string }
  | { type: 'AddClaim'; claim: Claim }
  | { type: 'VerifyClaim'; claimId: string; verification: Verification }
  | { type: 'DisputeClaim'; claimId: string; reason: string; by: string }
  | { type: 'RetractClaim'; claimId: string; reason: string; by: string };

type Registered = Extract<ShopState, { exists: true }>;

export function decideShop(command: ShopCommand, state: ShopState): ShopEvent[] {
  if (command.type === 'RegisterShop') return register(command, state);
  const shop = existing(state);
  switch (command.type) {
    case 'ChangeShopProfile':
      return changeProfile(command.changes, open(shop));
    case 'SuspendShop':
      return open(shop).status === 'suspended' ? [] : [{ type: 'ShopSuspended', data: { reason: command.reason } }];
    case 'ReinstateShop':
      return open(shop).status === 'active' ? [] : [{ type: 'ShopReinstated', data: { reason: command.reason } }];
    case 'CloseShop':
      return shop.status === 'closed' ? [] : [{ type: 'ShopClosed', data: { reason: command.reason } }];
    case 'AddClaim':
      return addClaim(command.claim, open(shop));
    case 'VerifyClaim': {
      const claim = liveClaim(shop, command.claimId);
      const same = claim.status === 'verified' && sameJson(claim.verification, command.verification);
      return same ? [] : [{ type: 'ClaimVerified', data: { claimId: claim.claimId, verification: command.verification } }];
    }
    case 'DisputeClaim': {
      const claim = liveClaim(shop, command.claimId);
      return claim.status === 'disputed' ? [] : [{ type: 'ClaimDisputed', data: { claimId: claim.claimId, reason: command.reason, disputedBy: command.by } }];
    }
    case 'RetractClaim': {
      const claim = findClaim(shop, command.claimId);
      return claim.status === 'retracted'
        ? []
        : [{ type: 'ClaimRetracted', data: { claimId: claim.claimId, reason: command.reason, retractedBy: command.by } }];
    }
  }
}

export const shopDecider: Decider<ShopState, ShopCommand, ShopEvent> = {
  initialState: initialShopState,
  evolve: evolveShop,
  decide: decideShop,
};

function register(command: Extract<ShopCommand, { type: 'RegisterShop' }>, state: ShopState): ShopEvent[] {
  const registered: ShopEvent = {
    type: 'ShopRegistered',
    data: { platformId: command.platformId, shopId: command.shopId, ...command.profile },
  };
  const ids = new Set<string>();
  for (const claim of command.claims) {
    if (ids.has(claim.claimId)) throw DomainError.invalid('claims', `claim id ${claim.claimId} appears twice`);
    ids.add(claim.claimId);
    checkValidPeriod(claim);
  }
  const claims: ShopEvent[] = command.claims.map((claim) => ({ type: 'ClaimAdded', data: claim }));
  if (!state.exists) return [registered, ...claims];
  // The same registration again changes nothing; a different one is a conflict, not an overwrite.
  const identical = sameJson(state.profile, command.profile) && command.claims.every((c) => sameClaim(state.claims.get(c.claimId), c));
  if (identical) return [];
  throw DomainError.conflict(`shop ${command.shopId} is already registered; change it with a profile update or claims`);
}

function changeProfile(changes: Partial<ShopProfile>, shop: Registered): ShopEvent[] {
  const differing = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== undefined && shop.profile[key as keyof ShopProfile] !== value),
  );
  return Object.keys(differing).length === 0 ? [] : [{ type: 'ShopProfileChanged', data: { changes: differing } }];
}

function addClaim(claim: Claim, shop: Registered): ShopEvent[] {
  checkValidPeriod(claim);
  const known = shop.claims.get(claim.claimId);
  if (known === undefined) return [{ type: 'ClaimAdded', data: claim }];
  if (sameClaim(known, claim)) return [];
  throw DomainError.conflict(`claim ${claim.claimId} exists with other content; retract it and add a new claim`);
}

function existing(state: ShopState): Registered {
  if (!state.exists) throw DomainError.notFound('shop');
  return state;
}

function open(shop: Registered): Registered {
  if (shop.status === 'closed') throw DomainError.conflict('the shop is closed');
  return shop;
}

function findClaim(shop: Registered, claimId: string): ClaimState {
  const claim = shop.claims.get(claimId);
  if (!claim) throw DomainError.notFound(`claim ${claimId}`);
  return claim;
}

function liveClaim(shop: Registered, claimId: string): ClaimState {
  const claim = findClaim(shop, claimId);
  if (claim.status === 'retracted') throw DomainError.conflict(`claim ${claimId} was retracted`);
  return claim;
}

function sameClaim(known: ClaimState | undefined, claim: Claim): boolean {
  if (!known) return false;
  const { status: _status, ...rest } = known;
  return sameJson(rest, claim);
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
