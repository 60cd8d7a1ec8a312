import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to an object or an array in a JSON value. */
function containers(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const inner = Array.isArray(value)
    ? value.flatMap((item, i) => containers(item, [...path, i]))
    : Object.entries(value).flatMap(([key, item]) => containers(item, [...path, key]));
  return [path, ...inner];
}

/**
 * The template with one change somewhere: in an object or an array, a key dropped, a value replaced
 * (by one of `replacements`), or a key of `newKeys` added: what edge validation must judge as
 * class-validator does.
 */
export function withOneChange(template: Json, replacements: fc.Arbitrary<Json>, newKeys: readonly string[]): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.constantFrom(...containers(template)), fc.constantFrom('drop', 'replace', 'add'), fc.nat(), replacements, fc.constantFrom(...newKeys))
    .map(([path, action, pick, replacement, newKey]) => {
      const copy = JSON.parse(JSON.stringify(template)) as Json;
      const target = path.reduce<Json>((at, key) => (at as Record<string, Json>)[key], copy) as Record<string, Json> | Json[];
      const keys = Object.keys(target);
      if (action === 'add' || keys.length === 0) (target as Record<string, Json>)[newKey] = replacement;
      else if (action === 'drop' && !Array.isArray(target)) delete target[keys[pick % keys.length]];
      else (target as Record<string, Json>)[keys[pick % keys.length]] = replacement;
      return copy;
    });
}
