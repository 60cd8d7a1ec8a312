import { fail, ok, Parsed, readText } from './parsed';

export type PhoneNumber = { readonly kind: 'phone'; readonly value: string; readonly type: 'mobile' | 'fixed' };

/** 11-digit mobile prefixes and the 10-digit prefixes they were converted to in 2018. */
const CONVERTED_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

/** A Vietnamese mobile or fixed-line number, normalised to E.164 (`+84912345678`). */
export function parsePhoneNumber(raw: unknown): Parsed<PhoneNumber> {
  const text = readText(raw);
  if (!text.ok) return text;
  const compact = text.value.replace(/[\s.()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return fail('must contain only digits, spaces, dots, dashes, parentheses and a leading +');
  if (compact.startsWith('+') && !compact.startsWith('+84')) return fail('must be a Vietnamese number (+84)');

  const national = toNationalForm(compact);
  if (national === undefined) return fail('must start with +84, 84 or 0');
  const converted = convertOldMobile(national);
  if (!converted.ok) return converted;
  const number = converted.value;

  if (number.startsWith('02')) {
    return number.length === 11 ? ok(e164(number, 'fixed')) : fail('fixed-line numbers must have 11 digits starting with 02');
  }
  if (/^0[35789]/.test(number)) {
    return number.length === 10 ? ok(e164(number, 'mobile')) : fail('mobile numbers must have 10 digits');
  }
  return fail('must start with 02 (fixed line) or 03, 05, 07, 08, 09 (mobile)');
}

function toNationalForm(compact: string): string | undefined {
  const digits = compact.replace(/^\+/, '');
  if (digits.startsWith('84')) return `0${digits.slice(2).replace(/^0/, '')}`;
  return digits.startsWith('0') ? digits : undefined;
}

function convertOldMobile(national: string): Parsed<string> {
  if (national.length !== 11 || !national.startsWith('01')) return ok(national);
  const prefix = national.slice(0, 4);
  const converted = CONVERTED_MOBILE_PREFIXES[prefix];
  return converted ? ok(converted + national.slice(4)) : fail(`old mobile prefix ${prefix} does not exist`);
}

const e164 = (national: string, type: PhoneNumber['type']): PhoneNumber => ({
  kind: 'phone',
  value: `+84${national.slice(1)}`,
  type,
});
