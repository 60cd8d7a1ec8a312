export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * The trimmed text of `raw` in NFKC, or the reason it is not usable text. NFKC first, so that
 * compatibility forms read as what they stand for: full-width `０９１２` is the phone `0912`.
 */
export function readText(raw: unknown): Parsed<string> {
  if (typeof raw !== 'string') return fail('must be a string');
  const text = raw.normalize('NFKC').trim();
  return text === '' ? fail('must not be empty') : ok(text);
}
