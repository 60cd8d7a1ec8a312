import { fail, ok, Parsed, readText } from './parsed';

export type Email = { readonly kind: 'email'; readonly value: string };

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Trimmed and lower-cased. Provider-specific aliases (Gmail dots, `+tag`) are kept as written:
 * collapsing them is a resolution judgement, not a normalisation.
 */
export function parseEmail(raw: unknown): Parsed<Email> {
  const text = readText(raw);
  if (!text.ok) return text;
  const email = text.value.toLowerCase();
  if (email.length > 254) return fail('must be at most 254 characters');
  const parts = email.split('@');
  if (parts.length !== 2) return fail('must contain exactly one @');
  const [local, domain] = parts;
  if (local.length < 1 || local.length > 64) return fail('the part before @ must be 1 to 64 characters');
  if (!LOCAL_PART.test(local)) return fail('the part before @ contains a character or dot that is not allowed');
  const labels = domain.split('.');
  if (labels.length < 2) return fail('the domain must contain a dot');
  if (!labels.every((label) => DOMAIN_LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1])) {
    return fail('the domain is not a valid host name');
  }
  return ok({ kind: 'email', value: email });
}
