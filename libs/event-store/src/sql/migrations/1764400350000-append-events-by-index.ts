import { DialectMigration } from './dialect-migration';

const SIGNATURE = 'append_events(jsonb, uuid[], text[], int[])';

/**
 * PostgreSQL: the guard of `append_events` looks its ids and versions up by index whatever the
 * table's statistics say. PL/pgSQL keeps each connection's generic plan of a statement (from its
 * sixth call); one made while `events` was nearly empty looked the ids up by a sequential scan, kept
 * as the table grew until an ANALYZE of it replanned it (never, where autovacuum is off): 1 ms an
 * append at 5,000 events, 0.4 s for a batch at 125,000. With sequential scans off inside the
 * function, its lookups always take the unique indexes; nothing else in it scans a table.
 * A `CREATE OR REPLACE FUNCTION append_events` must say `SET enable_seqscan = off` again: replacing a
 * function drops the settings it does not restate.
 */
export class AppendEventsByIndex1764400350000 extends DialectMigration {
  readonly name = 'AppendEventsByIndex1764400350000';
  protected readonly sqlite = [];
  protected readonly postgres = [`ALTER FUNCTION ${SIGNATURE} SET enable_seqscan = off`];
  protected override readonly postgresDown = [`ALTER FUNCTION ${SIGNATURE} RESET enable_seqscan`];
}
