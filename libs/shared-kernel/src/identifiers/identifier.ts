import { BankAccount, parseBankAccount } from './bank-account';
import { EWallet, parseEWallet } from './e-wallet';
import { Email, parseEmail } from './email';
import { Address, parseAddress, parsePersonName, PersonName } from './folded-text';
import { NationalId, parseNationalId } from './national-id';
import { fail, Parsed } from './parsed';
import { parsePhoneNumber, PhoneNumber } from './phone-number';
import { parseTaxCode, TaxCode } from './tax-code';

/** What a shop, an identity or an attestation can be known by. Address and name never link shops on their own. */
export type Identifier = NationalId | TaxCode | PhoneNumber | Email | BankAccount | EWallet | Address | PersonName;

export type IdentifierKind = Identifier['kind'];

export type IdentifierOf<K extends IdentifierKind> = Extract<Identifier, { kind: K }>;

const PARSERS: { readonly [K in IdentifierKind]: (raw: unknown) => Parsed<IdentifierOf<K>> } = {
  nationalId: (raw) => parseNationalId(raw),
  taxCode: (raw) => parseTaxCode(raw),
  phone: parsePhoneNumber,
  email: parseEmail,
  bankAccount: parseBankAccount,
  eWallet: parseEWallet,
  address: parseAddress,
  personName: parsePersonName,
};

export const IDENTIFIER_KINDS = Object.keys(PARSERS) as readonly IdentifierKind[];

export const isIdentifierKind = (kind: unknown): kind is IdentifierKind => typeof kind === 'string' && Object.prototype.hasOwnProperty.call(PARSERS, kind);

/** The one way to parse an identifier of any kind; an unknown kind (from untyped input) is a reason, not a throw. */
export function parseIdentifier<K extends IdentifierKind>(kind: K, raw: unknown): Parsed<IdentifierOf<K>> {
  if (!isIdentifierKind(kind)) return fail(`unknown identifier kind ${String(kind)}`);
  return PARSERS[kind](raw);
}
