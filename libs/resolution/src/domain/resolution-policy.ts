import type { VerificationMethod } from './facts';

/** What a join between two shops rests on; each has a strength used for a cluster's confidence. */
export type JoinBasis =
  | 'enforcementLink'
  | 'platformLink'
  | 'accountHolder'
  | 'bankAccount'
  | 'eWallet'
  | 'nationalId'
  | 'taxCode'
  | 'phoneSubscriber'
  | 'attestedPhone'
  | 'unattestedPhone'
  | 'email';

/**
 * The tunable part of resolution, a configuration table rather than constants in code (DOMAIN.md:
 * thresholds and weights are defaults a configuration can change).
 */
export interface ResolutionPolicy {
  /** An identifier held by more shops than this is a hub: reported, never joined through. */
  readonly hubThreshold: number;
  /** Weight of one piece of evidence that a person controls a cluster; combined as 1 − Π(1 − w). */
  readonly controlWeights: {
    readonly payoutHolder: number;
    readonly phoneSubscriber: number;
    readonly declaredOwner: { readonly [M in VerificationMethod]: number };
  };
  /** How sure a join of this basis makes us that two shops have one operator, from 0 to 1. */
  readonly joinStrength: { readonly [B in JoinBasis]: number };
}

export const DEFAULT_RESOLUTION_POLICY: ResolutionPolicy = {
  hubThreshold: 20,
  controlWeights: {
    payoutHolder: 0.9,
    phoneSubscriber: 0.6,
    declaredOwner: {
      vneid_level_2: 0.5,
      nfc_chip: 0.4,
      vneid_level_1: 0.3,
      document_check: 0.2,
      bank_confirmation: 0.2,
      telecom_confirmation: 0.15,
      none: 0.05,
    },
  },
  joinStrength: {
    enforcementLink: 0.95,
    accountHolder: 0.95,
    bankAccount: 0.9,
    platformLink: 0.9,
    nationalId: 0.9,
    taxCode: 0.9,
    eWallet: 0.85,
    phoneSubscriber: 0.85,
    attestedPhone: 0.8,
    email: 0.6,
    unattestedPhone: 0.5,
  },
};
