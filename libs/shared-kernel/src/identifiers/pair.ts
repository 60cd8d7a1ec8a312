import { fail, ok, Parsed } from './parsed';

/**
 * Reads a two-part identifier given either as an object (`{ bankCode, accountNumber }`)
 * or as the string form `FIRST:SECOND` that is also its normalised value.
 */
export function readPair(raw: unknown, firstKey: string, secondKey: string): Parsed<readonly [unknown, unknown]> {
  const shape = `must be { ${firstKey}, ${secondKey} } or a string ${firstKey}:${secondKey}`;
  if (typeof raw === 'string') {
    const text = raw.normalize('NFKC');
    const colon = text.indexOf(':');
    return colon < 0 ? fail(shape) : ok([text.slice(0, colon), text.slice(colon + 1)]);
  }
  if (typeof raw !== 'object' || raw === null) return fail(shape);
  const record = raw as Record<string, unknown>;
  return ok([nfkc(record[firstKey]), nfkc(record[secondKey])]);
}

/** As `readText` does for single values: full-width digits and letters read as ASCII ones. */
const nfkc = (value: unknown) => (typeof value === 'string' ? value.normalize('NFKC') : value);
