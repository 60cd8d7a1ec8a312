import { IDENTIFIER_KINDS, isIdentifierKind, parseIdentifier } from './identifier';

describe('parseIdentifier', () => {
  it('parses every kind with its own parser', () => {
    expect(parseIdentifier('nationalId', '001089012345')).toMatchObject({ ok: true, value: { kind: 'nationalId', birthYear: 1989 } });
    expect(parseIdentifier('taxCode', '0314409058002')).toMatchObject({ ok: true, value: { value: '0314409058-002' } });
    expect(parseIdentifier('phone', '0162 123 4567')).toMatchObject({ ok: true, value: { value: '+84321234567' } });
    expect(parseIdentifier('email', 'An@Example.vn')).toMatchObject({ ok: true, value: { value: 'an@example.vn' } });
    expect(parseIdentifier('bankAccount', 'vcb:0011004455667')).toMatchObject({ ok: true, value: { value: 'VCB:0011004455667' } });
    expect(parseIdentifier('eWallet', 'momo:0912345678')).toMatchObject({ ok: true, value: { value: 'MOMO:+84912345678' } });
    expect(parseIdentifier('address', 'Q.1, TP.HCM')).toMatchObject({ ok: true, value: { value: 'quan 1 thanh pho hcm' } });
    expect(parseIdentifier('personName', 'Nguyễn Văn An')).toMatchObject({ ok: true, value: { value: 'nguyen van an' } });
  });

  it('passes on the reason of the parser', () => {
    expect(parseIdentifier('nationalId', '12345')).toEqual({ ok: false, reason: 'must be 12 digits (CCCD) or 9 digits (CMND)' });
    expect(parseIdentifier('taxCode', '0100233480')).toEqual({ ok: false, reason: 'check digit does not match' });
  });

  it('gives a reason for a kind it does not know instead of throwing', () => {
    expect(parseIdentifier('passport' as never, 'B1234567')).toEqual({ ok: false, reason: 'unknown identifier kind passport' });
    expect(parseIdentifier('toString' as never, 'x')).toEqual({ ok: false, reason: 'unknown identifier kind toString' });
  });

  it('lists the kinds it knows', () => {
    expect([...IDENTIFIER_KINDS].sort()).toEqual(['address', 'bankAccount', 'eWallet', 'email', 'nationalId', 'personName', 'phone', 'taxCode']);
    expect(isIdentifierKind('phone')).toBe(true);
    expect(isIdentifierKind('calendarDate')).toBe(false);
    expect(isIdentifierKind(7)).toBe(false);
  });
});
