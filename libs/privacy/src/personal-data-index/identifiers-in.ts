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

/** What an erasure request can name: identifiers of one person. A name or an address is shared by strangers, so never indexed here. */
export const ERASABLE_KINDS = ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet'] as const;

export interface FoundIdentifier {
  readonly kind: string;
  readonly value: string;
}

/** Every identifier in the decrypted personal fields of an event, by kind. */
export function identifiersIn(value: unknown, field?: string): FoundIdentifier[] {
  if (typeof value === 'string') return field && IDENTIFIER_FIELDS[field] ? [{ kind: IDENTIFIER_FIELDS[field], value }] : [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const object = value as Record<string, unknown>;
  if (typeof object.folded === 'string') return []; // a name or an address
  return Object.entries(object).flatMap(([key, child]) => identifiersIn(child, key));
}
