import { parseNationalId } from './national-id';
import { fail, ok, Parsed, readText } from './parsed';

export type TaxCode =
  | { readonly kind: 'taxCode'; readonly value: string; readonly form: 'enterprise' | 'personal' }
  | { readonly kind: 'taxCode'; readonly value: string; readonly form: 'branch'; readonly headOffice: string };

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * MST: 10 digits with a check digit, 13 for a branch (normalised to `0314409058-002`), or a
 * 12-digit personal ID number, which individuals use as their tax code since July 2025.
 */
export function parseTaxCode(raw: unknown, today: Date = new Date()): Parsed<TaxCode> {
  const text = readText(raw);
  if (!text.ok) return text;
  const compact = text.value.replace(/[\s.]/g, '');

  if (/^\d{12}$/.test(compact)) {
    const personal = parseNationalId(compact, today);
    if (!personal.ok) return fail(`a 12-digit tax code must be a personal ID number: ${personal.reason}`);
    return ok({ kind: 'taxCode', value: personal.value.value, form: 'personal' });
  }

  // The dash is only allowed where a branch number starts, so a misplaced one is not silently read.
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!match) return fail('must be 10 digits, 13 digits for a branch (0123456789-001) or a 12-digit personal ID number');
  const [, enterprise, branch] = match;
  if (/^0{7}$/.test(enterprise.slice(2, 9))) return fail('digits 3 to 9 must not all be zero');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(enterprise[i]), 0);
  if (10 - (sum % 11) !== Number(enterprise[9])) return fail('check digit does not match');

  if (branch === undefined) return ok({ kind: 'taxCode', value: enterprise, form: 'enterprise' });
  if (branch === '000') return fail('branch number must be from 001 to 999');
  return ok({ kind: 'taxCode', value: `${enterprise}-${branch}`, form: 'branch', headOffice: enterprise });
}

/** A tax code in its personal form, as `parseTaxCode` normalises it (enterprises have 10 digits, branches a dash). */
const PERSONAL_TAX_CODE = /^\d{12}$/;

/**
 * The kind a normalised identifier is matched under. Since 1 July 2025 an individual's tax code is
 * their 12-digit personal ID number (Circular 86/2024/TT-BTC): a shop declaring it as a tax code
 * and another declaring it as a national ID name one person, so a personal tax code matches as the
 * national ID it is. Every other identifier matches under its own kind.
 */
export function matchedKind<K extends string>(kind: K, normalised: string): K | 'nationalId' {
  return kind === 'taxCode' && PERSONAL_TAX_CODE.test(normalised) ? 'nationalId' : kind;
}
