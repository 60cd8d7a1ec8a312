import { DomainEvent } from '@registry/shared-kernel';
import { Principal } from '../principal';

/** Who a principal is and in whose name it acts; the API key is not part of it, only its hash is. */
export type PrincipalProfile = Omit<Principal, 'id'> & { readonly principalId: string };

/** `keyHash` is the sha256 hex of the API key: the key itself is shown once and never stored. */
export type PrincipalCreated = DomainEvent<'PrincipalCreated', PrincipalProfile & { readonly keyHash: string }>;
export type ApiKeyRotated = DomainEvent<'ApiKeyRotated', { readonly keyHash: string }>;
export type PrincipalRevoked = DomainEvent<'PrincipalRevoked', { readonly reason: string }>;

export type PrincipalEvent = PrincipalCreated | ApiKeyRotated | PrincipalRevoked;

export const PRINCIPAL_EVENT_TYPES: readonly PrincipalEvent['type'][] = ['PrincipalCreated', 'ApiKeyRotated', 'PrincipalRevoked'];

const STREAM_PREFIX = 'principal-';

/** One stream per principal. */
export const principalStream = (principalId: string) => `${STREAM_PREFIX}${principalId}`;
export const principalIdOfStream = (stream: string) => stream.slice(STREAM_PREFIX.length);

/** Marks that the first start created the bootstrap principals; it is no principal's stream, so no principal is called `bootstrap`. */
export const BOOTSTRAP_STREAM = principalStream('bootstrap');
