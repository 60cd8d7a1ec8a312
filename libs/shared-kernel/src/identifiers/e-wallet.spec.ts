import { parseEWallet } from './e-wallet';

const wallet = (provider: string, accountId: string) => ({
  ok: true,
  value: { kind: 'eWallet', value: `${provider}:${accountId}`, provider, accountId },
});

describe('parseEWallet', () => {
  it('accepts the string form keyed by phone', () => {
    expect(parseEWallet('MOMO:+84912345678')).toEqual(wallet('MOMO', '+84912345678'));
  });

  it('accepts the object form and upper-cases the provider', () => {
    expect(parseEWallet({ provider: ' zalopay ', accountId: '+84912345678' })).toEqual(wallet('ZALOPAY', '+84912345678'));
  });

  it('normalises an account id that is a phone number, old prefixes included', () => {
    expect(parseEWallet('momo:0912 345 678')).toEqual(wallet('MOMO', '+84912345678'));
    expect(parseEWallet({ provider: 'ViettelMoney', accountId: '01621234567' })).toEqual(wallet('VIETTELMONEY', '+84321234567'));
  });

  it('keeps any other account id trimmed and as written', () => {
    expect(parseEWallet({ provider: 'SHOPEEPAY', accountId: ' Shop_An-01.vn ' })).toEqual(wallet('SHOPEEPAY', 'Shop_An-01.vn'));
    expect(parseEWallet('VNPAY:abc')).toEqual(wallet('VNPAY', 'abc'));
  });

  it('rejects anything that is neither the object nor the string form', () => {
    const reason = 'must be { provider, accountId } or a string provider:accountId';
    expect(parseEWallet('MOMO +84912345678')).toEqual({ ok: false, reason });
    expect(parseEWallet(undefined)).toEqual({ ok: false, reason });
  });

  it('rejects a provider that is not 2 to 20 letters', () => {
    const reason = 'provider must be 2 to 20 letters';
    for (const raw of ['M:+84912345678', `${'A'.repeat(21)}:+84912345678`, 'MOMO2:+84912345678', ':+84912345678']) {
      expect(parseEWallet(raw)).toEqual({ ok: false, reason });
    }
  });

  it('rejects an account id that is neither a phone nor 3 to 64 plain characters', () => {
    const reason = 'account id must be a phone number or 3 to 64 letters, digits, dots, underscores or dashes';
    for (const accountId of ['ab', 'a'.repeat(65), 'an nguyen', 'an@shop', '']) {
      expect(parseEWallet({ provider: 'MOMO', accountId })).toEqual({ ok: false, reason });
    }
    expect(parseEWallet({ provider: 'MOMO', accountId: 912345678 })).toEqual({ ok: false, reason });
  });
});
