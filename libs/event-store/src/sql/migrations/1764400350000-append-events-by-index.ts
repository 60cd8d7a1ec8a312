import { DialectMigration } from './dialect-migration';

const SIGNATURE = 'append_events(jsonb, uuid[], text[], int[])';

/**
 * PostgreSQL: the guard of `append_events` looks its ids and versions up by index whatever the
 * table's statistics say. PL/pgSQL keeps a session's plan of each statement once it is generic;
 * planned while `events` was nearly empty (a new database, before autovacuum analysed it), the
 * lookup of ids was a sequential scan, kept by every pooled connection as the table grew: 1 ms an
 * append at 5,000 events, 0.4 s for a batch at 125,000. With sequential scans off inside the
 * function, its lookups always take the unique indexes; nothing else in the function scans a table.
 */
export class AppendEventsByIndex1764400350000 extends DialectMigration {
  readonly name = 'AppendEventsByIndex1764400350000';
  protected readonly sqlite = [];
  protected readonly postgres = [`ALTER FUNCTION ${SIGNATURE} SET enable_seqscan = off`];
  protected override readonly postgresDown = [`ALTER FUNCTION ${SIGNATURE} RESET enable_seqscan`];
}
