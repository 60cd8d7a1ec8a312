import { fail, ok, Parsed, readText } from './parsed';

/**
 * Place-of-registration codes (the first three CCCD digits) that are accepted, as inclusive ranges.
 * 001..096 are provinces. Codes above 096 are country codes for citizens registered abroad, but no
 * published list of them is known to us, so they are rejected rather than guessed; add ranges here
 * once the list is known.
 */
export const CCCD_PLACE_CODE_RANGES: readonly (readonly [number, number])[] = [[1, 96]];

export type NationalId =
  | {
      readonly kind: 'nationalId';
      readonly value: string;
      readonly scheme: 'CCCD';
      readonly provinceCode: string;
      readonly sex: 'male' | 'female';
      readonly birthYear: number;
    }
  | { readonly kind: 'nationalId'; readonly value: string; readonly scheme: 'CMND' };

/** CCCD `PPP G YY NNNNNN` (12 digits) or the old CMND (9 digits); spaces, dots and dashes are ignored. */
export function parseNationalId(raw: unknown, today: Date = new Date()): Parsed<NationalId> {
  const text = readText(raw);
  if (!text.ok) return text;
  const digits = text.value.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(digits)) return fail('must contain only digits, spaces, dots and dashes');
  if (digits.length === 9) return ok({ kind: 'nationalId', value: digits, scheme: 'CMND' });
  if (digits.length !== 12) return fail('must be 12 digits (CCCD) or 9 digits (CMND)');

  const provinceCode = digits.slice(0, 3);
  const place = Number(provinceCode);
  if (!CCCD_PLACE_CODE_RANGES.some(([from, to]) => place >= from && place <= to)) {
    return fail(`place code ${provinceCode} is not a known province code (001 to 096)`);
  }
  const centuryAndSex = Number(digits[3]);
  if (centuryAndSex > 3) return fail('the fourth digit (century and sex) must be 0, 1, 2 or 3');
  const birthYear = (19 + Math.floor(centuryAndSex / 2)) * 100 + Number(digits.slice(4, 6));
  if (birthYear > today.getFullYear()) return fail(`birth year ${birthYear} is in the future`);

  return ok({
    kind: 'nationalId',
    value: digits,
    scheme: 'CCCD',
    provinceCode,
    sex: centuryAndSex % 2 === 0 ? 'male' : 'female',
    birthYear,
  });
}
