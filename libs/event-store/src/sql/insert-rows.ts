import { Sql } from './sql';

/** Rows per statement: SQLite binds every value as a parameter, and 32,766 is its ceiling. */
const MAX_PARAMETERS = 30_000;

/**
 * One multi-row INSERT per chunk instead of a statement per row: on SQLite each statement
 * costs a prepare and a round through the driver, on PostgreSQL a network round trip.
 * `suffix` is appended as is (an `ON CONFLICT …` clause, say).
 *
 * On SQLite the chunks hold a power of two rows each (1,000 rows: 512 + 256 + 128 + 64 + 32 + 8),
 * so that a table's inserts take a dozen shapes of statement, each prepared once, instead of a new
 * one for every count of rows: a new statement of 98 KB cost about 10 ms to convert and prepare,
 * and inserting batches of 100 to 3,000 rows took three times the CPU that chunks of powers of two
 * did. On PostgreSQL, where each chunk is a round trip, many rows go as arrays instead (below).
 */
export async function insertRows(tx: Sql, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<number> {
  if (tx.dialect === 'postgres' && rows.length >= POSTGRES_ARRAYS_FROM) return insertArrays(tx, table, columns, rows, suffix);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let changed = 0;
  for (let start = 0; start < rows.length;) {
    const left = Math.min(perStatement, rows.length - start);
    const count = tx.dialect === 'sqlite' ? largestPowerOfTwoUpTo(left) : left;
    changed += await tx.run(insertText(table, columns, count, suffix), flatten(rows, start, count));
    start += count;
  }
  return changed;
}

/** The largest power of two not above `n` (n ≥ 1). */
function largestPowerOfTwoUpTo(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}

const insertTexts = new Map<string, string>();

/**
 * `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) …`: made once per shape, since building it is as
 * costly as the insert on SQLite, and handed out as the same string, which the statement caches
 * then hash once instead of on every insert (a bulk insert's text runs to some 200 KB).
 */
function insertText(table: string, columns: readonly string[], rows: number, suffix: string): string {
  const shape = `${table}(${columns.join(',')})${rows}${suffix}`;
  let text = insertTexts.get(shape);
  if (text === undefined) {
    const values = Array.from(
      { length: rows },
      (_, r) => `(${Array.from({ length: columns.length }, (_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    ).join(', ');
    text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${suffix}`.trimEnd();
    if (insertTexts.size < 1000) insertTexts.set(shape, text);
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

/**
 * PostgreSQL, from this many rows on: one `INSERT … SELECT FROM unnest(…)` with an array per column
 * instead of a VALUES list. Parsing and planning a VALUES list of thousands of rows cost PostgreSQL
 * more than storing them: 6,000 facts of the identity graph took about 170 ms in two VALUES
 * statements, 75 ms as arrays (issue 12). Fewer rows keep the VALUES list, which needs no column types.
 */
const POSTGRES_ARRAYS_FROM = 100;

/** The rows as one array per column, each cast to its column's type (read from the catalog: one cheap statement). */
async function insertArrays(tx: Sql, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix: string): Promise<number> {
  const types = new Map(
    (
      await tx.rows<{ name: string; type: string }>(
        'SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped',
        [table],
      )
    ).map((column) => [column.name, column.type]),
  );
  const arrays = columns.map((column, c) => {
    if (!types.has(column)) throw new Error(`${table} has no column ${column}`);
    return rows.map((row) => row[c]);
  });
  const unnest = columns.map((column, c) => `$${c + 1}::${types.get(column)}[]`).join(', ');
  return tx.run(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest}) ${suffix}`.trimEnd(), arrays);
}
