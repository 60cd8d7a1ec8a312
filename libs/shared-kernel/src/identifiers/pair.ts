import { fail, ok, Parsed } from './parsed';

/**
 * Reads a two-part identifier given either as an object (`{ bankCode, accountNumber }`)
 * or as the string form `FIRST:SECOND` that is also its normalised value.
 */
export function readPair(raw: unknown, firstKey: string, secondKey: string): Parsed<readonly [unknown, unknown]> {
  const shape = `must be { ${firstKey}, ${secondKey} } or a string ${firstKey}:${secondKey}`;
  if (typeof raw === 'string') {
    const colon = raw.indexOf(':');
    return colon < 0 ? fail(shape) : ok([raw.slice(0, colon), raw.slice(colon + 1)]);
  }
  if (typeof raw !== 'object' || raw === null) return fail(shape);
  const record = raw as Record<string, unknown>;
  return ok([record[firstKey], record[secondKey]]);
}
