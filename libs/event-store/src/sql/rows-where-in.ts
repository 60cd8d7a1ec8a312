import { Sql, preparedOnPostgres } from './sql';

/** Values per SQLite statement: well under its parameter ceiling. */
const VALUES_PER_STATEMENT = 512;

/**
 * Rows for many values of one column: `query` gets what follows the column, and the values are its
 * only parameters. On PostgreSQL one statement for all of them, `= ANY($1)` with the values as one
 * array, prepared once per connection (its text does not vary with the number of values, so it is
 * parsed once, not at every read: issue 12). On SQLite `IN ($1, …)` a chunk at a time, each chunk
 * padded to a power of two values (see `paddedToPowerOfTwo`): there is no round trip to save.
 */
export async function rowsAmong<T>(sql: Sql, values: readonly unknown[], query: (among: string) => string): Promise<T[]> {
  if (values.length === 0) return [];
  if (sql.dialect === 'postgres') return sql.rows<T>(preparedOnPostgres(query('= ANY($1)')), [[...values]]);
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += VALUES_PER_STATEMENT) {
    const chunk = paddedToPowerOfTwo(values.slice(start, start + VALUES_PER_STATEMENT));
    rows.push(...(await sql.rows<T>(query(`IN (${placeholderList(chunk.length)})`), chunk)));
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
