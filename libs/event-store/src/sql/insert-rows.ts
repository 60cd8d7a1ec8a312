import { Sql } from './sql';

/** Rows per statement: SQLite binds every value as a parameter, and 32,766 is its ceiling. */
const MAX_PARAMETERS = 30_000;

/**
 * One multi-row INSERT per chunk instead of a statement per row: on SQLite each statement
 * costs a prepare and a round through the driver, on PostgreSQL a network round trip.
 * `suffix` is appended as is (an `ON CONFLICT …` clause, say).
 */
export async function insertRows(tx: Sql, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<number> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let changed = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = valuesList(columns.length, chunk.length);
    changed += await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${suffix}`.trimEnd(), flatten(rows, start, chunk.length));
  }
  return changed;
}

const valuesLists = new Map<string, string>();

/** `($1, $2), ($3, $4)`: made once per shape, since building it is as costly as the insert on SQLite. */
function valuesList(columns: number, rows: number): string {
  const shape = `${columns}x${rows}`;
  let text = valuesLists.get(shape);
  if (text === undefined) {
    text = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');
    if (valuesLists.size < 1000) valuesLists.set(shape, text);
  }
  return text;
}

/** `rows.slice(start, start + count).flat()` in one pass: `flat` cost more than the statement's own binding in bulk loads (issue 14). */
function flatten(rows: readonly (readonly unknown[])[], start: number, count: number): unknown[] {
  const params: unknown[] = [];
  for (let r = start; r < start + count; r++) {
    for (const value of rows[r]) params.push(value);
  }
  return params;
}
