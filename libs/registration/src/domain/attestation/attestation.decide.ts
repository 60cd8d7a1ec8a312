import { Decider, DomainError, canonicalJson } from '@registry/shared-kernel';
import { checkValidPeriod } from '../claim/claim';
import { Subject } from '../claim/subject';
import { AttestationEvent, AttestationStatement } from './attestation.events';
import { AttestationState, evolveAttestation, initialAttestationState } from './attestation.state';

export type AttestationCommand =
  /** `partnerKind` is the kind of the partner in whose name the statement is made, from its credentials. */
  { type: 'Attest'; partnerKind: string; statement: AttestationStatement } | { type: 'WithdrawAttestation'; reason: string; by: string };

/** Each kind of partner attests only what its own records show. */
const ATTESTING_PARTNER_KINDS: { readonly [T in AttestationStatement['type']]: readonly string[] } = {
  BankAccountHolderAttested: ['bank'],
  EWalletHolderAttested: ['ewallet'],
  PhoneSubscriberAttested: ['telecom'],
  PickupPointAttested: ['carrier', 'warehouse'],
};

const WHAT: { readonly [T in AttestationStatement['type']]: string } = {
  BankAccountHolderAttested: 'bank account holders',
  EWalletHolderAttested: 'e-wallet holders',
  PhoneSubscriberAttested: 'phone subscribers',
  PickupPointAttested: 'pickup points',
};

export function decideAttestation(command: AttestationCommand, state: AttestationState): AttestationEvent[] {
  switch (command.type) {
    case 'Attest':
      return attest(command.partnerKind, command.statement, state);
    case 'WithdrawAttestation':
      if (!state.exists) throw DomainError.notFound('attestation record');
      return state.withdrawn ? [] : [{ type: 'AttestationWithdrawn', data: { reason: command.reason, withdrawnBy: command.by } }];
  }
}

export const attestationDecider: Decider<AttestationState, AttestationCommand, AttestationEvent> = {
  initialState: initialAttestationState,
  evolve: evolveAttestation,
  decide: decideAttestation,
};

function attest(partnerKind: string, statement: AttestationStatement, state: AttestationState): AttestationEvent[] {
  if (!ATTESTING_PARTNER_KINDS[statement.type].includes(partnerKind)) {
    throw new DomainError('forbidden', `a ${partnerKind} partner does not attest ${WHAT[statement.type]}`);
  }
  check(statement);
  if (!state.exists) return [statement];
  const { recordId } = statement.data;
  // BODS: a closed record is never reused; a new fact about the same thing gets a new record.
  if (state.withdrawn) throw DomainError.conflict(`record ${recordId} was withdrawn; attest under a new record id`);
  if (state.type !== statement.type) throw DomainError.conflict(`record ${recordId} attests ${WHAT[state.type]}; its kind cannot change`);
  return sameFacts(state.data, statement.data) ? [] : [statement];
}

function check(statement: AttestationStatement): void {
  const { type, data } = statement;
  checkValidPeriod(data);
  if (type === 'PhoneSubscriberAttested' && !data.validFrom) {
    throw DomainError.invalid('validFrom', 'is required: numbers are recycled, so a subscription holds from a date');
  }
  if (type === 'PickupPointAttested') {
    if (!data.address.address) throw DomainError.invalid('address.address', 'is required: the address of the pickup point');
    if (!data.contact.fullName && !data.contact.phone) throw DomainError.invalid('contact', 'must name a person or a phone');
  }
  const recordId = data.recordId.toLowerCase();
  if (personalNumbers(statement).some((n) => recordId.includes(n)))
    throw DomainError.invalid('recordId', 'must not contain a phone, account or ID number: it names the stream, which is not encrypted');
}

/** The numbers a record is about, in the form they could be written into a reference (`+84912345678` → `912345678`). */
function personalNumbers({ type, data }: AttestationStatement): string[] {
  const values: (string | undefined)[] = [];
  const subjects: Subject[] = [];
  switch (type) {
    case 'BankAccountHolderAttested':
      values.push(data.account);
      subjects.push(data.holder);
      break;
    case 'EWalletHolderAttested':
      values.push(data.wallet);
      subjects.push(data.holder);
      break;
    case 'PhoneSubscriberAttested':
      values.push(data.phone);
      subjects.push(data.subscriber);
      break;
    case 'PickupPointAttested':
      subjects.push(data.address, data.contact);
      break;
  }
  for (const s of subjects) values.push(s.nationalId, s.taxCode, s.phone, s.bankAccount, s.eWallet);
  return values
    .filter((v): v is string => v !== undefined)
    .map((v) =>
      v
        .replace(/^[A-Z0-9]+:/, '')
        .replace(/^\+84/, '')
        .toLowerCase(),
    )
    .filter((n) => n.length >= 6);
}

/** The same facts sent again, by any principal of the partner, are the statement that stands. */
function sameFacts(a: AttestationStatement['data'], b: AttestationStatement['data']): boolean {
  const facts = ({ attestedBy: _by, ...rest }: AttestationStatement['data']) => rest;
  return canonicalJson(facts(a)) === canonicalJson(facts(b));
}
