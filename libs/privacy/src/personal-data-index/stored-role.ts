/**
 * The role of a record as `personal_data_records` stores it: one letter for each role known today,
 * in the row and in the retention index (issue 12: `legal_representative` took 20 characters a
 * row). A role without a letter is stored as it is; every letter differs from every role's name.
 * Claims are stored by their role, other records by their event's type.
 */
const LETTERS: Readonly<Record<string, string>> = {
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
};
const ROLES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(LETTERS).map(([role, letter]) => [letter, role]));

/** Every role with its letter, for the migration that shortens the stored rows. */
export const ROLE_LETTERS: readonly (readonly [string, string])[] = Object.entries(LETTERS);

export const storedRole = (role: string): string => LETTERS[role] ?? role;

export const roleOf = (stored: string): string => ROLES[stored] ?? stored;
