import { Sql } from './sql';

/** Values per statement: well under SQLite's parameter ceiling, and a plan PostgreSQL still reads quickly. */
const VALUES_PER_STATEMENT = 400;

/**
 * Rows for many values of one column, a statement per chunk of values: `query` gets the
 * placeholder list (`$1, $2, …`) to put in its `IN (…)`; the values are its only parameters.
 */
export async function rowsWhereIn<T>(sql: Sql, values: readonly unknown[], query: (placeholders: string) => string): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += VALUES_PER_STATEMENT) {
    const chunk = values.slice(start, start + VALUES_PER_STATEMENT);
    rows.push(...(await sql.rows<T>(query(chunk.map((_, n) => `$${n + 1}`).join(', ')), chunk)));
  }
  return rows;
}
