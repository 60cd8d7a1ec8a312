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

/**
 * Marks a constant statement that PostgreSQL prepares once per connection and from then on runs by
 * name, parsed and planned once: for a statement every request runs (the append). Only for a text
 * that never changes: every connection keeps each one it has run for as long as it is open.
 * SQLite prepares and keeps every statement anyway. Gives the text back.
 */
export function preparedOnPostgres(text: string): string {
  if (!preparedNames.has(text)) preparedNames.set(text, `registry_statement_${preparedNames.size + 1}`);
  return text;
}

/** The name PostgreSQL knows a statement marked by `preparedOnPostgres` by, if it is one. */
export const preparedName = (text: string): string | undefined => preparedNames.get(text);
