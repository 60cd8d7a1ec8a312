export type SqlDialect = 'sqlite' | 'postgres';

/** One way to run SQL: `$1`-style parameters in both dialects, rows or affected-row counts back. */
export interface Sql {
  readonly dialect: SqlDialect;
  rows<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement that returns no rows and tells how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}
