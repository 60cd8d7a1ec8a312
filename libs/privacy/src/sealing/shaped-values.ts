/**
 * Personal values in fewer bytes before they are sealed (issue 12). A subject is an object whose
 * keys are among a few known names, always in one order (`{ nationalId, fullName: { original,
 * folded }, dateOfBirth }`); written as JSON its key names took about a third of the plaintext.
 * Here such an object is `[mask, ...values]`, the mask saying which of NAMES it holds, in NAMES'
 * order; an array is `[0, ...items]`; an object with another key, or its keys in another order, is
 * kept as it is, and so are strings, numbers, booleans and null.
 */
const NAMES = ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet', 'fullName', 'address', 'dateOfBirth', 'original', 'folded'];
const BIT = new Map(NAMES.map((name, n) => [name, n]));
const ARRAY = 0;

/** The value with its objects of known keys written as masks and values (keys whose value is undefined are left out, as JSON does). */
export function shapedValue(value: unknown): unknown {
  if (Array.isArray(value)) return [ARRAY, ...value.map(shapedValue)];
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  let mask = 0;
  let last = -1;
  for (const key of keys) {
    const bit = BIT.get(key);
    if (bit === undefined || bit <= last) return value;
    last = bit;
    mask |= 1 << bit;
  }
  return keys.length === 0 ? value : [mask, ...keys.map((key) => shapedValue(object[key]))];
}

/** The value `shapedValue` was given, as JSON reads it back. */
export function unshapedValue(shaped: unknown): unknown {
  if (!Array.isArray(shaped)) return shaped;
  const [head, ...rest] = shaped as [number, ...unknown[]];
  if (head === ARRAY) return rest.map(unshapedValue);
  const object: Record<string, unknown> = {};
  let n = 0;
  for (let bit = 0; bit < NAMES.length; bit++) if (head & (1 << bit)) object[NAMES[bit]] = unshapedValue(rest[n++]);
  return object;
}
