import { Sql } from './sql';

/** Values per statement: well under SQLite's parameter ceiling, and a plan PostgreSQL still reads quickly. */
const VALUES_PER_STATEMENT = 512;

/**
 * Rows for many values of one column, a statement per chunk of values: `query` gets the
 * placeholder list (`$1, $2, …`) to put in its `IN (…)`; the values are its only parameters.
 * A chunk is padded to a power of two values (see `paddedToPowerOfTwo`).
 */
export async function rowsWhereIn<T>(sql: Sql, values: readonly unknown[], query: (placeholders: string) => string): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += VALUES_PER_STATEMENT) {
    const chunk = paddedToPowerOfTwo(values.slice(start, start + VALUES_PER_STATEMENT));
    rows.push(...(await sql.rows<T>(query(placeholderList(chunk.length)), chunk)));
  }
  return rows;
}

/**
 * The values, then the last of them again until they are a power of two (which changes nothing in
 * an `IN` list), so that statements over lists of values take a few shapes, each prepared once
 * (see insertRows).
 */
export function paddedToPowerOfTwo<T>(values: readonly T[]): T[] {
  const padded = [...values];
  while (padded.length & (padded.length - 1)) padded.push(padded[padded.length - 1]);
  return padded;
}

const lists = new Map<string, string>();

/** `$first, $first + 1, …` for `count` values, the same string each time for the same shape. */
export function placeholderList(count: number, first = 1): string {
  const key = `${count}:${first}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = Array.from({ length: count }, (_, n) => `$${first + n}`).join(', ');
    if (lists.size < 10_000) lists.set(key, list);
  }
  return list;
}
