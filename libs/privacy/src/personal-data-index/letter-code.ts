/**
 * A short code for each of a known set of names, as a table stores them: `stored` gives the code
 * (a name without one is stored as it is), `nameOf` the name back. Every code must differ from
 * every name, so that a row written before the codes existed still reads.
 */
export function letterCode(letters: Readonly<Record<string, string>>) {
  const names: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(letters).map(([name, letter]) => [letter, name]));
  return {
    /** Every name with its code, for the migration that shortens stored rows. */
    pairs: Object.entries(letters) as readonly (readonly [string, string])[],
    stored: (name: string): string => letters[name] ?? name,
    nameOf: (stored: string): string => names[stored] ?? stored,
  };
}
