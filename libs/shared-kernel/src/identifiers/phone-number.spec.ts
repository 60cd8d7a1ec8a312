import { parsePhoneNumber } from './phone-number';

const mobile = (value: string) => ({ ok: true, value: { kind: 'phone', value, type: 'mobile' } });

describe('parsePhoneNumber', () => {
  it('normalises a mobile in national form to E.164 (DOMAIN.md example)', () => {
    expect(parsePhoneNumber('0912345678')).toEqual(mobile('+84912345678'));
  });

  it('accepts +84, 84, (+84) and a trunk 0 written after +84', () => {
    for (const raw of ['+84912345678', '84912345678', '(+84) 912 345 678', '+84 0912 345 678']) {
      expect(parsePhoneNumber(raw)).toEqual(mobile('+84912345678'));
    }
  });

  it('ignores spaces, dots, dashes and parentheses', () => {
    expect(parsePhoneNumber(' 091.234-5678 ')).toEqual(mobile('+84912345678'));
    expect(parsePhoneNumber('(091) 234 5678')).toEqual(mobile('+84912345678'));
  });

  it('accepts every current mobile range: 03x, 05x, 07x, 08x, 09x', () => {
    for (const prefix of ['032', '056', '070', '081', '099']) {
      expect(parsePhoneNumber(`${prefix}1234567`)).toEqual(mobile(`+84${prefix.slice(1)}1234567`));
    }
  });

  it('converts the old 0162 to 0169 prefixes to 032 to 039', () => {
    expect(parsePhoneNumber('01621234567')).toEqual(mobile('+84321234567'));
    expect(parsePhoneNumber('01691234567')).toEqual(mobile('+84391234567'));
  });

  it('converts every other old 11-digit mobile prefix as in 2018', () => {
    const conversions: [string, string][] = [
      ['0120', '70'],
      ['0121', '79'],
      ['0122', '77'],
      ['0126', '76'],
      ['0128', '78'],
      ['0123', '83'],
      ['0124', '84'],
      ['0125', '85'],
      ['0127', '81'],
      ['0129', '82'],
      ['0186', '56'],
      ['0188', '58'],
      ['0199', '59'],
    ];
    for (const [old, current] of conversions) {
      expect(parsePhoneNumber(`${old}1234567`)).toEqual(mobile(`+84${current}1234567`));
    }
  });

  it('converts an old mobile written with +84', () => {
    expect(parsePhoneNumber('+84 162 123 4567')).toEqual(mobile('+84321234567'));
  });

  it('normalises an 11-digit fixed line starting 02', () => {
    expect(parsePhoneNumber('024 3825 1234')).toEqual({ ok: true, value: { kind: 'phone', value: '+842438251234', type: 'fixed' } });
    expect(parsePhoneNumber('+84 236 3822 123')).toEqual({ ok: true, value: { kind: 'phone', value: '+842363822123', type: 'fixed' } });
  });

  it('rejects non-strings and empty strings', () => {
    expect(parsePhoneNumber(912345678)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parsePhoneNumber(' ')).toEqual({ ok: false, reason: 'must not be empty' });
  });

  it('rejects letters and a + anywhere but first', () => {
    const reason = 'must contain only digits, spaces, dots, dashes, parentheses and a leading +';
    expect(parsePhoneNumber('09123456ab')).toEqual({ ok: false, reason });
    expect(parsePhoneNumber('0912+345678')).toEqual({ ok: false, reason });
  });

  it('rejects foreign numbers', () => {
    expect(parsePhoneNumber('+1 212 555 0100')).toEqual({ ok: false, reason: 'must be a Vietnamese number (+84)' });
  });

  it('rejects a number without country code or trunk 0', () => {
    expect(parsePhoneNumber('912345678')).toEqual({ ok: false, reason: 'must start with +84, 84 or 0' });
  });

  it('rejects an old 11-digit prefix that was never assigned', () => {
    expect(parsePhoneNumber('01301234567')).toEqual({ ok: false, reason: 'old mobile prefix 0130 does not exist' });
  });

  it('rejects a mobile with the wrong length', () => {
    expect(parsePhoneNumber('091234567')).toEqual({ ok: false, reason: 'mobile numbers must have 10 digits' });
    expect(parsePhoneNumber('09123456789')).toEqual({ ok: false, reason: 'mobile numbers must have 10 digits' });
  });

  it('rejects a fixed line that is not 11 digits', () => {
    expect(parsePhoneNumber('0243825123')).toEqual({ ok: false, reason: 'fixed-line numbers must have 11 digits starting with 02' });
  });

  it('rejects prefixes that are neither mobile nor fixed', () => {
    const reason = 'must start with 02 (fixed line) or 03, 05, 07, 08, 09 (mobile)';
    for (const raw of ['0412345678', '0612345678', '0123456789', '0012345678']) {
      expect(parsePhoneNumber(raw)).toEqual({ ok: false, reason });
    }
  });
});

describe('parsePhoneNumber on compatibility forms', () => {
  it('reads full-width digits as the same phone', () => {
    expect(parsePhoneNumber('\uFF10\uFF19\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18')).toEqual(parsePhoneNumber('0912345678'));
    expect(parsePhoneNumber('\uFF0B\uFF18\uFF14 912 345 678')).toMatchObject({ ok: true, value: { value: '+84912345678' } });
  });
});
