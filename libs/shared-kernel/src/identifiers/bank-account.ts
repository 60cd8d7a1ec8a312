import { readPair } from './pair';
import { fail, ok, Parsed } from './parsed';

export type BankAccount = {
  readonly kind: 'bankAccount';
  readonly value: string;
  readonly bankCode: string;
  readonly accountNumber: string;
};

/** `{ bankCode, accountNumber }` or `VCB:0011004455667`; the bank code is a short name or a NAPAS BIN. */
export function parseBankAccount(raw: unknown): Parsed<BankAccount> {
  const pair = readPair(raw, 'bankCode', 'accountNumber');
  if (!pair.ok) return pair;
  const [rawBankCode, rawAccountNumber] = pair.value;

  const bankCode = typeof rawBankCode === 'string' ? rawBankCode.trim().toUpperCase() : '';
  if (!/^[A-Z0-9]{2,11}$/.test(bankCode)) return fail('bank code must be 2 to 11 letters or digits');
  // Leading zeros are part of the number, so a JSON number is refused rather than converted.
  const accountNumber = typeof rawAccountNumber === 'string' ? rawAccountNumber.replace(/[\s.-]/g, '') : '';
  if (!/^\d{6,19}$/.test(accountNumber)) return fail('account number must be 6 to 19 digits');

  return ok({ kind: 'bankAccount', value: `${bankCode}:${accountNumber}`, bankCode, accountNumber });
}
