import { parseBankAccount } from './bank-account';

const account = (bankCode: string, accountNumber: string) => ({
  ok: true,
  value: { kind: 'bankAccount', value: `${bankCode}:${accountNumber}`, bankCode, accountNumber },
});

describe('parseBankAccount', () => {
  it('accepts the string form (DOMAIN.md example)', () => {
    expect(parseBankAccount('VCB:0011004455667')).toEqual(account('VCB', '0011004455667'));
  });

  it('accepts the object form', () => {
    expect(parseBankAccount({ bankCode: 'BIDV', accountNumber: '12010000123456' })).toEqual(account('BIDV', '12010000123456'));
  });

  it('upper-cases and trims the bank code and accepts a 6-digit NAPAS BIN', () => {
    expect(parseBankAccount({ bankCode: ' tcb ', accountNumber: '19031234567890' })).toEqual(account('TCB', '19031234567890'));
    expect(parseBankAccount('970436:0011004455667')).toEqual(account('970436', '0011004455667'));
  });

  it('strips spaces, dashes and dots from the account number and keeps leading zeros', () => {
    expect(parseBankAccount('vcb: 0011-004.455 667')).toEqual(account('VCB', '0011004455667'));
  });

  it('accepts account numbers of 6 and 19 digits', () => {
    expect(parseBankAccount('ACB:123456')).toEqual(account('ACB', '123456'));
    expect(parseBankAccount(`ACB:${'1'.repeat(19)}`)).toEqual(account('ACB', '1'.repeat(19)));
  });

  it('rejects anything that is neither the object nor the string form', () => {
    const reason = 'must be { bankCode, accountNumber } or a string bankCode:accountNumber';
    expect(parseBankAccount('VCB 0011004455667')).toEqual({ ok: false, reason });
    expect(parseBankAccount(11004455667)).toEqual({ ok: false, reason });
    expect(parseBankAccount(null)).toEqual({ ok: false, reason });
  });

  it('rejects a bank code that is too short, too long, missing or not alphanumeric', () => {
    const reason = 'bank code must be 2 to 11 letters or digits';
    for (const raw of ['V:0011004455667', 'ABCDEFGHIJKL:0011004455667', 'V-CB:0011004455667', ':0011004455667']) {
      expect(parseBankAccount(raw)).toEqual({ ok: false, reason });
    }
    expect(parseBankAccount({ accountNumber: '0011004455667' })).toEqual({ ok: false, reason });
  });

  it('rejects an account number that is too short, too long, has letters or is a JSON number', () => {
    const reason = 'account number must be 6 to 19 digits';
    for (const raw of ['VCB:12345', `VCB:${'1'.repeat(20)}`, 'VCB:00110044A', 'VCB:']) {
      expect(parseBankAccount(raw)).toEqual({ ok: false, reason });
    }
    expect(parseBankAccount({ bankCode: 'VCB', accountNumber: 11004455667 })).toEqual({ ok: false, reason });
  });
});
