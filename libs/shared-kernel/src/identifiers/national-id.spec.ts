import { CCCD_PLACE_CODE_RANGES, parseNationalId } from './national-id';

const today = new Date('2025-06-01T00:00:00Z');
const parse = (raw: unknown) => parseNationalId(raw, today);

describe('parseNationalId', () => {
  it('reads province, sex and birth year from a CCCD (DOMAIN.md example)', () => {
    expect(parse('001089012345')).toEqual({
      ok: true,
      value: { kind: 'nationalId', value: '001089012345', scheme: 'CCCD', provinceCode: '001', sex: 'male', birthYear: 1989 },
    });
  });

  it('reads an odd fourth digit as female and 2/3 as born in the 2000s', () => {
    const cases: [string, string, number][] = [
      ['079105000001', 'female', 1905],
      ['079205000001', 'male', 2005],
      ['079305000001', 'female', 2005],
    ];
    for (const [id, sex, birthYear] of cases) {
      expect(parse(id)).toMatchObject({ ok: true, value: { scheme: 'CCCD', provinceCode: '079', sex, birthYear } });
    }
  });

  it('accepts the last province code, 096', () => {
    expect(parse('096089012345')).toMatchObject({ ok: true, value: { provinceCode: '096' } });
  });

  it('accepts a 9-digit CMND without further structure', () => {
    expect(parse('012345678')).toEqual({ ok: true, value: { kind: 'nationalId', value: '012345678', scheme: 'CMND' } });
  });

  it('strips spaces, dots and dashes and surrounding whitespace', () => {
    expect(parse(' 001 089-012.345 ')).toMatchObject({ ok: true, value: { value: '001089012345' } });
    expect(parse('012.345.678')).toMatchObject({ ok: true, value: { value: '012345678', scheme: 'CMND' } });
  });

  it('accepts a birth year equal to the current year', () => {
    expect(parse('001225012345')).toMatchObject({ ok: true, value: { birthYear: 2025 } });
  });

  it('rejects non-strings with a reason instead of throwing', () => {
    expect(parse(1089012345)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parse(null)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parse(undefined)).toEqual({ ok: false, reason: 'must be a string' });
  });

  it('rejects an empty string', () => {
    expect(parse('  ')).toEqual({ ok: false, reason: 'must not be empty' });
  });

  it('rejects letters', () => {
    expect(parse('00108901234A')).toEqual({ ok: false, reason: 'must contain only digits, spaces, dots and dashes' });
  });

  it('rejects lengths other than 12 and 9', () => {
    for (const id of ['00108901234', '0010890123456', '12345678', '1234567890']) {
      expect(parse(id)).toEqual({ ok: false, reason: 'must be 12 digits (CCCD) or 9 digits (CMND)' });
    }
  });

  it('rejects place code 000, 097 to 099 and country codes', () => {
    for (const code of ['000', '097', '099', '100', '840']) {
      expect(parse(`${code}089012345`)).toEqual({
        ok: false,
        reason: `place code ${code} is not a known province code (001 to 096)`,
      });
    }
  });

  it('keeps the accepted place codes in one constant', () => {
    expect(CCCD_PLACE_CODE_RANGES).toEqual([[1, 96]]);
  });

  it('rejects a fourth digit above 3', () => {
    expect(parse('001489012345')).toEqual({
      ok: false,
      reason: 'the fourth digit (century and sex) must be 0, 1, 2 or 3',
    });
  });

  it('rejects a birth year after the current year', () => {
    expect(parse('001226012345')).toEqual({ ok: false, reason: 'birth year 2026 is in the future' });
  });

  it('uses the real current year by default', () => {
    const nextYear = (new Date().getFullYear() + 1) % 100;
    const id = `0013${String(nextYear).padStart(2, '0')}012345`;
    expect(parseNationalId(id)).toMatchObject({ ok: false });
  });
});
