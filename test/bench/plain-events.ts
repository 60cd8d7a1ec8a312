import { SqlDatabase } from '@registry/event-store';
import { BenchAppend } from './workload';

/**
 * The baseline: the same rows INSERTed into a table shaped like `events` (same columns, same
 * indexes), through the same SqlDatabase / TypeORM / driver path, one transaction per call, with
 * none of the event-store logic (no lock, no version or id lookups, no RETURNING of positions).
 */
export async function createPlainEventsTable(db: SqlDatabase): Promise<void> {
  await db.write(async (tx) => {
    if (db.dialect === 'postgres') {
      // Columns, identity, NOT NULLs, primary key and both UNIQUE indexes of `events`.
      await tx.run('CREATE TABLE plain_events (LIKE events INCLUDING ALL)');
      return;
    }
    // A copy of the SQLite DDL of `events` in libs/event-store/src/sql/migrations.
    await tx.run(`CREATE TABLE plain_events (
       position INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       stream TEXT NOT NULL,
       version INTEGER NOT NULL,
       type TEXT NOT NULL,
       schema_version INTEGER NOT NULL,
       data TEXT NOT NULL,
       metadata TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       UNIQUE (stream, version))`);
  });
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

/** Inserts one append's events as rows in one transaction (one row, or one multi-row INSERT). */
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
  return db.write((tx) => tx.run(insertStatement(append.events.length), params));
}
