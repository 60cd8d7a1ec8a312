import { DomainError } from '@registry/shared-kernel';
import { Subject } from './subject';

/** The part a person, account or place plays for a shop, as a source states it. */
export const CLAIM_ROLES = ['declared_owner', 'legal_representative', 'payout_account', 'contact', 'pickup_point', 'return_address', 'warehouse'] as const;
export type ClaimRole = (typeof CLAIM_ROLES)[number];

/** How the source checked what it states; level 2 electronic identification is the strongest (Decree 69/2024). */
export const VERIFICATION_METHODS = [
  'vneid_level_2',
  'vneid_level_1',
  'nfc_chip',
  'document_check',
  'bank_confirmation',
  'telecom_confirmation',
  'none',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export interface Verification {
  readonly method: VerificationMethod;
  readonly verifiedAt: string | null;
  readonly reference: string | null;
}

/** The period the stated fact holds, as calendar dates; an open end is null. */
export interface ValidPeriod {
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** A period must not end before it starts (calendar dates compare as text). */
export function checkValidPeriod(period: ValidPeriod): void {
  if (period.validFrom && period.validTo && period.validTo < period.validFrom) {
    throw DomainError.invalid('validTo', 'must not be before validFrom');
  }
}

export interface Claim extends ValidPeriod {
  readonly claimId: string;
  readonly role: ClaimRole;
  readonly subject: Subject;
  readonly verification: Verification;
  readonly assertedBy: string;
}

export type ClaimStatus = 'asserted' | 'verified' | 'disputed' | 'retracted';
