/**
 * The kind of an identifier as `personal_data_index` stores it: one letter for each kind known
 * today, in the row and in the lookup index (issue 12: `bankAccount` took 11 characters twice per
 * row). A kind without a letter is stored as it is; every letter differs from every kind's name.
 */
const LETTERS: Readonly<Record<string, string>> = {
  nationalId: 'i',
  taxCode: 't',
  phone: 'p',
  email: 'e',
  bankAccount: 'b',
  eWallet: 'w',
  personName: 'n',
  address: 'a',
};
const KINDS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(LETTERS).map(([kind, letter]) => [letter, kind]));

/** Every kind with its letter, for the migration that shortens the stored rows. */
export const KIND_LETTERS: readonly (readonly [string, string])[] = Object.entries(LETTERS);

export const storedKind = (kind: string): string => LETTERS[kind] ?? kind;

export const kindOf = (stored: string): string => KINDS[stored] ?? stored;
