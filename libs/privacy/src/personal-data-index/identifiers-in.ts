import { matchedKind } from '@registry/shared-kernel';

/** Field names that carry a normalised identifier, in subjects and at the top of attestation data. */
const IDENTIFIER_FIELDS: Readonly<Record<string, string>> = {
  nationalId: 'nationalId',
  taxCode: 'taxCode',
  phone: 'phone',
  email: 'email',
  bankAccount: 'bankAccount',
  account: 'bankAccount',
  eWallet: 'eWallet',
  wallet: 'eWallet',
};

/** What an erasure request can name: identifiers of one person. A name or an address is shared by strangers, so never matched on its own. */
export const ERASABLE_KINDS = ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet'] as const;

export interface FoundIdentifier {
  readonly kind: string;
  readonly value: string;
}

/** Folded text by field: indexed to find a person's records on one shop and to count what an erasure erased, never to match a request. */
const FOLDED_FIELDS: Readonly<Record<string, string>> = { fullName: 'personName', address: 'address' };

/** Kinds that name one person by an ID number: a record naming another one is that person's, not the subject's. */
export const ID_NUMBER_KINDS: readonly string[] = ['nationalId', 'taxCode'];

/**
 * Every identifier in the decrypted personal fields of an event, by the kind it is matched under (a
 * personal tax code as the national ID it is: `matchedKind`), names and addresses by their folded form.
 */
export function identifiersIn(value: unknown, field?: string): FoundIdentifier[] {
  if (typeof value === 'string') return field && IDENTIFIER_FIELDS[field] ? [{ kind: matchedKind(IDENTIFIER_FIELDS[field], value), value }] : [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const object = value as Record<string, unknown>;
  if (typeof object.folded === 'string') return field && FOLDED_FIELDS[field] ? [{ kind: FOLDED_FIELDS[field], value: object.folded }] : [];
  return Object.entries(object).flatMap(([key, child]) => identifiersIn(child, key));
}
