import { Claim, ClaimStatus } from '../claim/claim';
import { ShopEvent, ShopProfile } from './shop.events';

export type ShopStatus = 'active' | 'suspended' | 'closed';

export interface ClaimState extends Claim {
  readonly status: ClaimStatus;
}

export type ShopState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly platformId: string;
      readonly shopId: string;
      readonly profile: ShopProfile;
      readonly status: ShopStatus;
      readonly claims: ReadonlyMap<string, ClaimState>;
    };

export const initialShopState = (): ShopState => ({ exists: false });

export function evolveShop(state: ShopState, event: ShopEvent): ShopState {
  if (event.type === 'ShopRegistered') {
    const { platformId, shopId, displayName, url, category } = event.data;
    return { exists: true, platformId, shopId, profile: { displayName, url, category }, status: 'active', claims: new Map() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ShopProfileChanged':
      return { ...state, profile: { ...state.profile, ...event.data.changes } };
    case 'ShopSuspended':
      return { ...state, status: 'suspended' };
    case 'ShopReinstated':
      return { ...state, status: 'active' };
    case 'ShopClosed':
      return { ...state, status: 'closed' };
    case 'ClaimAdded':
      return withClaim(state, event.data.claimId, () => ({ ...event.data, status: 'asserted' }));
    case 'ClaimVerified':
      return withClaim(state, event.data.claimId, (c) => c && { ...c, verification: event.data.verification, status: 'verified' });
    case 'ClaimDisputed':
      return withClaim(state, event.data.claimId, (c) => c && { ...c, status: 'disputed' });
    case 'ClaimRetracted':
      return withClaim(state, event.data.claimId, (c) => c && { ...c, status: 'retracted' });
  }
}

function withClaim(state: Extract<ShopState, { exists: true }>, claimId: string, change: (claim: ClaimState | undefined) => ClaimState | undefined): ShopState {
  const next = change(state.claims.get(claimId));
  if (!next) return state;
  const claims = new Map(state.claims);
  claims.set(claimId, next);
  return { ...state, claims };
}
