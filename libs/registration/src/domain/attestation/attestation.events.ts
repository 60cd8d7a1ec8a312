import { DomainEvent } from '@registry/shared-kernel';
import { ValidPeriod } from '../claim/claim';
import { Subject } from '../claim/subject';

/** What every attestation carries besides its facts: whose record it is, who sent it, for what period it holds. */
interface AttestedRecord extends ValidPeriod {
  /** The partner's own reference for the record. */
  readonly recordId: string;
  readonly partnerId: string;
  /** The principal whose request carried the attestation. */
  readonly attestedBy: string;
}

export interface BankAccountHolder extends AttestedRecord {
  /** `VCB:0011004455667` */
  readonly account: string;
  readonly holder: Subject;
}

export interface EWalletHolder extends AttestedRecord {
  /** `MOMO:+84912345678` */
  readonly wallet: string;
  readonly holder: Subject;
}

/** Numbers are recycled: the subscriber holds the number for the period only. */
export interface PhoneSubscriber extends AttestedRecord {
  /** E.164 */
  readonly phone: string;
  readonly subscriber: Subject;
}

export interface PickupPoint extends AttestedRecord {
  /** The shop the point serves. */
  readonly platformId: string;
  readonly shopId: string;
  readonly address: Subject;
  readonly contact: Subject;
}

export type BankAccountHolderAttested = DomainEvent<'BankAccountHolderAttested', BankAccountHolder>;
export type EWalletHolderAttested = DomainEvent<'EWalletHolderAttested', EWalletHolder>;
export type PhoneSubscriberAttested = DomainEvent<'PhoneSubscriberAttested', PhoneSubscriber>;
export type PickupPointAttested = DomainEvent<'PickupPointAttested', PickupPoint>;
export type AttestationWithdrawn = DomainEvent<'AttestationWithdrawn', { reason: string; withdrawnBy: string }>;

/** One statement about a record; a later one on the same record supersedes it (BODS: a change is a new statement). */
export type AttestationStatement = BankAccountHolderAttested | EWalletHolderAttested | PhoneSubscriberAttested | PickupPointAttested;

export type AttestationEvent = AttestationStatement | AttestationWithdrawn;

/**
 * One stream per record of a partner. Stream names are not encrypted, so they hold the partner's
 * reference and never the phone, account or ID numbers the record is about.
 */
export const attestationStream = (partnerId: string, recordId: string) => `attestation-${partnerId}:${recordId}`;
