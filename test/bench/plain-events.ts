import { SqlDatabase } from '@registry/event-store';
import { BenchAppend } from './workload';

/**
 * The baseline: the same rows INSERTed into a table shaped like `events` (same columns, same
 * indexes), through the same SqlDatabase / TypeORM / driver path, one statement per call, with
 * none of the event-store logic (no lock, no version or id lookups, no RETURNING of positions).
 */
export async function createPlainEventsTable(db: SqlDatabase): Promise<void> {
  await db.write(async (tx) => {
    if (db.dialect === 'postgres') {
      // Columns, identity, NOT NULLs, primary key, both UNIQUE indexes.
      await tx.run('CREATE TABLE plain_events (LIKE events INCLUDING ALL)');
      return;
    }
    // The DDL SQLite keeps for `events` and its own indexes, renamed.
    const ddl = await tx.rows<{ sql: string }>("SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL ORDER BY type DESC");
    for (const { sql } of ddl) await tx.run(sql.replace(/\bevents/g, 'plain_events'));
  });
}

/** A table's indexes as `[unique] columns`, to show that the baseline has the same as `events`. */
export async function indexesOf(db: SqlDatabase, table: string): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? await db.reader.rows<{ name: string }>(
          `SELECT CASE WHEN indexdef LIKE 'CREATE UNIQUE%' THEN 'unique ' ELSE '' END || substring(indexdef from '\\((.*)\\)$') AS name
           FROM pg_indexes WHERE tablename = $1`,
          [table],
        )
      : await db.reader.rows<{ name: string }>(
          `SELECT CASE WHEN il."unique" THEN 'unique ' ELSE '' END || (SELECT group_concat(name, ', ') FROM pragma_index_info(il.name)) AS name
           FROM pragma_index_list($1) il`,
          [table],
        );
  return rows.map((r) => r.name).sort();
}

const COLUMNS = 8;
const statements = new Map<number, string>();

/** One multi-row INSERT statement per batch size, built once (as a client with prepared statements would). */
function insertStatement(rows: number): string {
  let text = statements.get(rows);
  if (text === undefined) {
    const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`).join(', ');
    text = `INSERT INTO plain_events (id, stream, version, type, schema_version, data, metadata, recorded_at) VALUES ${values}`;
    statements.set(rows, text);
  }
  return text;
}

/**
 * Inserts one append's events as rows with one statement (one row, or one multi-row INSERT) in
 * autocommit, as a plain client would: a statement alone is a transaction of its own, and wrapping
 * it in BEGIN and COMMIT would cost the baseline two more round trips on PostgreSQL (two more
 * statements on SQLite) that the store's appends, also sent alone, do not pay.
 */
export function plainInsert(db: SqlDatabase, append: BenchAppend): Promise<number> {
  const recordedAt = new Date().toISOString();
  const params: unknown[] = [];
  append.events.forEach((event, i) => {
    params.push(
      event.id,
      append.stream,
      append.firstVersion + i,
      event.type,
      event.schemaVersion ?? 1,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    );
  });
  return db.writeDeferred((tx) => tx.last.run(insertStatement(append.events.length), params));
}
