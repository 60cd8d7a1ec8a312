/** Field names whose values are personal data wherever they appear in a log entry. */
const PERSONAL_KEYS = new Set([
  'fullname',
  'name',
  'nationalid',
  'taxcode',
  'phone',
  'email',
  'address',
  'dateofbirth',
  'accountnumber',
  'bankaccount',
  'account',
  'ewallet',
  'wallet',
  'accountid',
  'holder',
  'subscriber',
  'contact',
  'subject',
  'evidence',
  'body',
]);

const EMAIL = /[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[A-Za-z]{2,}/g;
/** Runs of digits (with the separators people write) long enough to be an ID, tax code, phone or account number. */
const LONG_NUMBER = /\+?\d[\d .-]{7,}\d/g;
const MIN_DIGITS = 9;

export const REDACTED = '[redacted]';

/**
 * Removes personal data from what is about to be logged: values under personal field names,
 * e-mail addresses, and numbers long enough to be an identifier. Logs are read by more people
 * and kept longer than the registry's data, so they hold none of it.
 */
export function redact(value: unknown, key?: string): unknown {
  if (key !== undefined && PERSONAL_KEYS.has(key.toLowerCase())) return value === undefined || value === null ? value : REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/**
 * A UUID: the ids the registry makes (request, correlation, event, audit ids) and the request ids
 * clients send. Its groups of hex digits, joined by `-`, often read as a long number (`…-4212-8123-…`),
 * which cut about one random request id in seven in the access log, so the line no longer matched
 * the id the client was given. Ids are not personal data; the text around them is still redacted.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function redactText(text: string): string {
  let out = '';
  let from = 0;
  for (const id of text.matchAll(UUID)) {
    out += redactPersonal(text.slice(from, id.index)) + id[0];
    from = id.index + id[0].length;
  }
  return out + redactPersonal(text.slice(from));
}

function redactPersonal(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(LONG_NUMBER, (match) => ((match.match(/\d/g)?.length ?? 0) >= MIN_DIGITS ? REDACTED : match));
}
