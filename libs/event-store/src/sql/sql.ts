export type SqlDialect = 'sqlite' | 'postgres';

/** One way to run SQL: `$1`-style parameters in both dialects, rows or affected-row counts back. */
export interface Sql {
  readonly dialect: SqlDialect;
  rows<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement that returns no rows and tells how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * A transaction that begins with the first statement run through it. `last` runs a statement
 * inside it once it has begun, or else alone in autocommit, where the statement is a transaction
 * of its own: on PostgreSQL one round trip instead of three (BEGIN, the statement, COMMIT).
 */
export interface DeferredTransaction extends Sql {
  readonly last: Sql;
}

const preparedNames = new Map<string, string>();
/** Statements named at most: past them a text marked runs unnamed, as any other (a guard against marking texts that vary). */
const MAX_PREPARED = 200;

/**
 * Marks a statement that PostgreSQL prepares once per connection and from then on runs by name:
 * parsed once. A read so marked is planned once too (the reader's pool for them keeps one plan of
 * each: PREPARED_READS_PLANS in sql-database.ts); in a write transaction PostgreSQL chooses, after
 * five runs, whether its generic plan costs no more than planning it anew. For the statements of
 * every append and read: an unnamed statement is parsed and planned at every run, and for the reads
 * by identifier that was most of the server's work (2 ms of planning against 0.1 ms of running).
 * Only for a text that does not vary (values as parameters): every connection keeps each one it has
 * run for as long as it is open.
 * SQLite prepares and keeps every statement anyway. Gives the text back.
 */
export function preparedOnPostgres(text: string): string {
  if (!preparedNames.has(text) && preparedNames.size < MAX_PREPARED) preparedNames.set(text, `registry_statement_${preparedNames.size + 1}`);
  return text;
}

/** `preparedOnPostgres` for a text built for a dialect: a SQLite text is left unmarked. */
export const preparedFor = (dialect: SqlDialect, text: string): string => (dialect === 'postgres' ? preparedOnPostgres(text) : text);

/** The name PostgreSQL knows a statement marked by `preparedOnPostgres` by, if it is one. */
export const preparedName = (text: string): string | undefined => preparedNames.get(text);
