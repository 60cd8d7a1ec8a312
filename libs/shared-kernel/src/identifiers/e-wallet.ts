import { readPair } from './pair';
import { fail, ok, Parsed } from './parsed';
import { parsePhoneNumber } from './phone-number';

export type EWallet = {
  readonly kind: 'eWallet';
  readonly value: string;
  readonly provider: string;
  readonly accountId: string;
};

/** `{ provider, accountId }` or `MOMO:+84912345678`; most wallets are keyed by phone number, so one is normalised as such. */
export function parseEWallet(raw: unknown): Parsed<EWallet> {
  const pair = readPair(raw, 'provider', 'accountId');
  if (!pair.ok) return pair;
  const [rawProvider, rawAccountId] = pair.value;

  const provider = typeof rawProvider === 'string' ? rawProvider.trim().toUpperCase() : '';
  if (!/^[A-Z]{2,20}$/.test(provider)) return fail('provider must be 2 to 20 letters');

  const phone = parsePhoneNumber(rawAccountId);
  const accountId = phone.ok ? phone.value.value : typeof rawAccountId === 'string' ? rawAccountId.trim() : '';
  if (!phone.ok && !/^[A-Za-z0-9._-]{3,64}$/.test(accountId)) {
    return fail('account id must be a phone number or 3 to 64 letters, digits, dots, underscores or dashes');
  }
  return ok({ kind: 'eWallet', value: `${provider}:${accountId}`, provider, accountId });
}
