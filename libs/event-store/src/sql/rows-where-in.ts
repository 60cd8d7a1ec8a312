import { Sql } from './sql';

/** Values per statement: well under SQLite's parameter ceiling, and a plan PostgreSQL still reads quickly. */
const VALUES_PER_STATEMENT = 512;

/**
 * Rows for many values of one column, a statement per chunk of values: `query` gets the
 * placeholder list (`$1, $2, …`) to put in its `IN (…)`; the values are its only parameters.
 * A chunk's list is padded to a power of two with its last value again (which changes nothing in
 * an `IN`), so that a query takes a few shapes of statement, each prepared once (see insertRows).
 */
export async function rowsWhereIn<T>(sql: Sql, values: readonly unknown[], query: (placeholders: string) => string): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += VALUES_PER_STATEMENT) {
    const chunk = values.slice(start, start + VALUES_PER_STATEMENT);
    const padded = 2 ** Math.ceil(Math.log2(chunk.length));
    while (chunk.length < padded) chunk.push(chunk[chunk.length - 1]);
    rows.push(...(await sql.rows<T>(query(listOf(padded)), chunk)));
  }
  return rows;
}

const lists = new Map<number, string>();

/** `$1, $2, …, $n`, the same string each time. */
function listOf(count: number): string {
  let list = lists.get(count);
  if (list === undefined) {
    list = Array.from({ length: count }, (_, n) => `$${n + 1}`).join(', ');
    lists.set(count, list);
  }
  return list;
}
