import { DomainEvent } from '@registry/shared-kernel';
import { Claim, Verification } from '../claim/claim';

export interface ShopProfile {
  readonly displayName: string;
  readonly url: string | null;
  readonly category: string | null;
}

export type ShopRegistered = DomainEvent<'ShopRegistered', { platformId: string; shopId: string } & ShopProfile>;
export type ShopProfileChanged = DomainEvent<'ShopProfileChanged', { changes: Partial<ShopProfile> }>;
export type ShopSuspended = DomainEvent<'ShopSuspended', { reason: string }>;
export type ShopReinstated = DomainEvent<'ShopReinstated', { reason: string }>;
export type ShopClosed = DomainEvent<'ShopClosed', { reason: string }>;

export type ClaimAdded = DomainEvent<'ClaimAdded', Claim>;
export type ClaimVerified = DomainEvent<'ClaimVerified', { claimId: string; verification: Verification }>;
export type ClaimDisputed = DomainEvent<'ClaimDisputed', { claimId: string; reason: string; disputedBy: string }>;
export type ClaimRetracted = DomainEvent<'ClaimRetracted', { claimId: string; reason: string; retractedBy: string }>;

export type ShopEvent =
  ShopRegistered | ShopProfileChanged | ShopSuspended | ShopReinstated | ShopClosed | ClaimAdded | ClaimVerified | ClaimDisputed | ClaimRetracted;

/** One stream per shop: the platform's own shop id, under the platform. */
export { shopStream } from '@registry/shared-kernel';
