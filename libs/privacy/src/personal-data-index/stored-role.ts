import { letterCode } from './letter-code';

/**
 * The role of a record as `personal_data_records` stores it: one letter for each role known today,
 * in the row and in the retention index (issue 12: `legal_representative` took 20 characters a
 * row). A role without a letter is stored as it is; every letter differs from every role's name.
 * Claims are stored by their role, other records by their event's type.
 */
const ROLE_CODE = letterCode({
  declared_owner: 'o',
  legal_representative: 'l',
  payout_account: 'p',
  contact: 'c',
  pickup_point: 'k',
  return_address: 'r',
  warehouse: 'w',
  BankAccountHolderAttested: 'B',
  EWalletHolderAttested: 'E',
  PhoneSubscriberAttested: 'P',
  PickupPointAttested: 'K',
  ShopsLinked: 'L',
  ShopFlagged: 'F',
  EnforcementReadRecorded: 'R',
  SellerIdentified: 'S',
});

/** Every role with its letter, for the migration that shortens the stored rows. */
export const ROLE_LETTERS = ROLE_CODE.pairs;

export const storedRole = ROLE_CODE.stored;

export const roleOf = ROLE_CODE.nameOf;
