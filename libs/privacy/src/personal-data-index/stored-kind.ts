import { letterCode } from './letter-code';

/**
 * The kind of an identifier as `personal_data_index` stores it: one letter for each kind known
 * today, in the row and in the lookup index (issue 12: `bankAccount` took 11 characters twice per
 * row). A kind without a letter is stored as it is; every letter differs from every kind's name.
 */
const KIND_CODE = letterCode({
  nationalId: 'i',
  taxCode: 't',
  phone: 'p',
  email: 'e',
  bankAccount: 'b',
  eWallet: 'w',
  personName: 'n',
  address: 'a',
});

/** Every kind with its letter, for the migration that shortens the stored rows. */
export const KIND_LETTERS = KIND_CODE.pairs;

export const storedKind = KIND_CODE.stored;

export const kindOf = KIND_CODE.nameOf;
