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
