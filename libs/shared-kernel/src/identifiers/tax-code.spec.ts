import { matchedKind, parseTaxCode } from './tax-code';

const today = new Date('2025-06-01T00:00:00Z');
const parse = (raw: unknown) => parseTaxCode(raw, today);

describe('parseTaxCode', () => {
  it('accepts an enterprise code whose check digit matches (DOMAIN.md example)', () => {
    expect(parse('0100233488')).toEqual({ ok: true, value: { kind: 'taxCode', value: '0100233488', form: 'enterprise' } });
  });

  it('accepts a branch code with a dash and names its head office (DOMAIN.md example)', () => {
    expect(parse('0314409058-002')).toEqual({
      ok: true,
      value: { kind: 'taxCode', value: '0314409058-002', form: 'branch', headOffice: '0314409058' },
    });
  });

  it('normalises a branch code written without a dash', () => {
    expect(parse('0314409058002')).toMatchObject({ ok: true, value: { value: '0314409058-002', form: 'branch' } });
  });

  it('ignores spaces, dots and surrounding whitespace', () => {
    expect(parse(' 0100 233 488 ')).toMatchObject({ ok: true, value: { value: '0100233488' } });
    expect(parse('0314.409.058 - 999')).toMatchObject({ ok: true, value: { value: '0314409058-999' } });
  });

  it('accepts a 12-digit personal ID number as a personal tax code', () => {
    expect(parse('001089012345')).toEqual({ ok: true, value: { kind: 'taxCode', value: '001089012345', form: 'personal' } });
  });

  it('rejects a wrong check digit (DOMAIN.md example)', () => {
    expect(parse('0100233480')).toEqual({ ok: false, reason: 'check digit does not match' });
  });

  it('rejects first nine digits for which the check would be 10', () => {
    expect(parse('0100000050')).toEqual({ ok: false, reason: 'check digit does not match' });
  });

  it('rejects a branch whose head-office code fails the check digit', () => {
    expect(parse('0314409050-002')).toEqual({ ok: false, reason: 'check digit does not match' });
  });

  it('rejects digits 3 to 9 all zero, even when the check digit would match', () => {
    expect(parse('0300000000')).toEqual({ ok: false, reason: 'digits 3 to 9 must not all be zero' });
  });

  it('rejects branch number 000', () => {
    expect(parse('0314409058-000')).toEqual({ ok: false, reason: 'branch number must be from 001 to 999' });
  });

  it('rejects a 12-digit number that is not a valid personal ID number', () => {
    expect(parse('097089012345')).toEqual({
      ok: false,
      reason: 'a 12-digit tax code must be a personal ID number: place code 097 is not a known province code (001 to 096)',
    });
  });

  it('rejects other lengths, letters and a misplaced dash', () => {
    for (const code of ['010023348', '01002334881', '0100233488-12', '010023348A', '01002-33488', '031440905-8002']) {
      expect(parse(code)).toEqual({
        ok: false,
        reason: 'must be 10 digits, 13 digits for a branch (0123456789-001) or a 12-digit personal ID number',
      });
    }
  });

  it('rejects non-strings and empty strings', () => {
    expect(parse(100233488)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parse('')).toEqual({ ok: false, reason: 'must not be empty' });
  });
});

describe('matchedKind', () => {
  it('matches a personal tax code as the national ID it is', () => {
    expect(matchedKind('taxCode', '001089012345')).toBe('nationalId');
  });

  it('keeps an enterprise or branch tax code, and every other kind, as it is', () => {
    expect(matchedKind('taxCode', '0100233488')).toBe('taxCode');
    expect(matchedKind('taxCode', '0314409058-002')).toBe('taxCode');
    expect(matchedKind('nationalId', '001089012345')).toBe('nationalId');
    expect(matchedKind('phone', '+84912345678')).toBe('phone');
  });
});
