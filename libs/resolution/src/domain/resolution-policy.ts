import type { VerificationMethod } from './facts/facts';

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
  /**
   * A key shared by more otherwise unrelated groups of shops than this is a hub: reported, never
   * joined through. Only a key on more shops than this is judged (see hubs.ts).
   */
  readonly hubThreshold: number;
  /** How many of a key's shops (the first in shop order) are grouped to judge it: bounds what a read near a shipper's phone costs. */
  readonly hubSample: number;
  /**
   * What one shop's evidence of each kind says about its control, from 0 to 1. A person's confidence
   * as controller is the best kind's average over the operator's shops (a shop without that evidence
   * counts 0), so it never saturates and a one-shop declaration cannot outweigh the money of forty.
   */
  readonly controlWeights: {
    readonly payoutHolder: number;
    readonly phoneSubscriber: number;
    readonly declaredOwner: { readonly [M in VerificationMethod]: number };
  };
  /** How sure a join of this basis makes us that two shops have one operator, from 0 to 1. */
  readonly joinStrength: { readonly [B in JoinBasis]: number };
  /** A confidence value at or above `high` reads "high", at or above `medium` "medium", else "low". */
  readonly confidenceLevels: { readonly high: number; readonly medium: number };
}

export const DEFAULT_RESOLUTION_POLICY: ResolutionPolicy = {
  hubThreshold: 5,
  hubSample: 40,
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
  confidenceLevels: { high: 0.75, medium: 0.45 },
};
