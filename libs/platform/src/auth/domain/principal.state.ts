import { Principal } from '../principal';
import { PrincipalEvent } from './principal.events';

export type PrincipalState =
  { readonly exists: false } | { readonly exists: true; readonly principal: Principal; readonly keyHash: string; readonly revoked: boolean };

export const initialPrincipalState = (): PrincipalState => ({ exists: false });

export function evolvePrincipal(state: PrincipalState, event: PrincipalEvent): PrincipalState {
  if (event.type === 'PrincipalCreated') {
    const { principalId, keyHash, ...profile } = event.data;
    return { exists: true, principal: { id: principalId, ...profile }, keyHash, revoked: false };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ApiKeyRotated':
      return { ...state, keyHash: event.data.keyHash };
    case 'PrincipalRevoked':
      return { ...state, revoked: true };
  }
}
