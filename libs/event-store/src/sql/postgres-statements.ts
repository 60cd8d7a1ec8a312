import { DataSource, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { Sql, preparedName } from './sql';

/**
 * PostgreSQL statements go to pg directly, as SQLite's go to better-sqlite3 (see sqlOverSqlite),
 * not through TypeORM's query runner, which per statement told its logger and subscribers, timed
 * the statement and built a result object: for the one-statement append, the store's main cost in
 * this process. A statement marked by `preparedOnPostgres` runs by name, prepared once per
 * connection. A failure is TypeORM's QueryFailedError, as before, its driverError pg's error.
 */

interface PgResult {
  rows: unknown[];
  rowCount: number | null;
}
interface PgClient {
  query(config: { text: string; values: readonly unknown[]; name?: string }): Promise<PgResult>;
}
interface PgPooledClient extends PgClient {
  /** With an error, the pool closes the connection instead of lending it again. */
  release(error?: Error): void;
}
interface PgPool {
  connect(): Promise<PgPooledClient>;
}

const sqlStateOf = (error: unknown): string | undefined => (error as { code?: string }).code;

/**
 * A named statement that no longer runs on its connection: the server does not hold it (26000, as
 * behind a pooler that drops prepared statements), or a schema change altered its result (0A000,
 * "cached plan must not change result type", after another process migrated). pg's client still
 * believes it prepared, so the connection is closed rather than lent again.
 */
function isStaleStatement(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code === '26000' || (code === '0A000' && /cached plan/.test((error as Error).message));
}

const asSql = (run: (text: string, params: readonly unknown[]) => Promise<PgResult>, writes: boolean): Sql => ({
  dialect: 'postgres',
  async rows<T>(text: string, params: readonly unknown[] = []) {
    return (await run(text, params)).rows as T[];
  },
  async run(text: string, params: readonly unknown[] = []) {
    if (!writes) throw new Error('the reader does not write: use SqlDatabase.write');
    return (await run(text, params)).rowCount ?? 0;
  },
});

/**
 * The reader: each statement on a connection lent for it by one of two TypeORM pools: a statement
 * marked by `preparedOnPostgres` by `preparedSource`'s, whose connections keep one plan of each
 * (see PREPARED_READS_PLANS in sql-database.ts), any other by `source`'s. The connection goes back
 * to the pool after a failed statement too (as TypeORM's `DataSource.query` did), keeping the
 * statements it prepared, unless it failed without a SQLSTATE (the connection itself) or with a stale
 * named statement, which then runs once more unnamed.
 */
export function postgresReader(source: DataSource, preparedSource: DataSource): Sql {
  const poolOf = (of: DataSource) => {
    const pool = (of.driver as unknown as { master?: PgPool }).master;
    if (!pool) throw new Error('the PostgreSQL pool is not open');
    return pool;
  };
  const [pool, preparedPool] = [poolOf(source), poolOf(preparedSource)];
  const once = async (text: string, params: readonly unknown[], name: string | undefined) => {
    const client = await (name === undefined ? pool : preparedPool).connect();
    try {
      const result = await client.query({ text, values: params, name });
      client.release();
      return result;
    } catch (error) {
      client.release(sqlStateOf(error) === undefined || isStaleStatement(error) ? (error as Error) : undefined);
      throw error;
    }
  };
  return asSql(async (text, params) => {
    const name = preparedName(text);
    try {
      return await once(text, params, name).catch((error: unknown) => {
        if (name !== undefined && isStaleStatement(error)) return once(text, params, undefined);
        throw error;
      });
    } catch (error) {
      throw new QueryFailedError(text, params as unknown[], error as Error);
    }
  }, false);
}

/**
 * A write transaction's statements, on the connection its query runner holds; `release` gives the
 * connection back, or closes it when a named statement was found stale (the transaction fails; the
 * next one gets another connection).
 */
export function postgresTransaction(runner: QueryRunner): { sql: Sql; release(): Promise<void> } {
  const client = (runner as unknown as { databaseConnection?: PgClient }).databaseConnection;
  if (!client) throw new Error('the query runner is not connected');
  let stale: Error | undefined;
  const sql = asSql(async (text, params) => {
    // The connection may be lent to another transaction once released.
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    try {
      return await client.query({ text, values: params, name: preparedName(text) });
    } catch (error) {
      if (isStaleStatement(error)) stale = error as Error;
      throw new QueryFailedError(text, params as unknown[], error as Error);
    }
  }, true);
  const release = () =>
    stale ? (runner as unknown as { releasePostgresConnection(error: Error): Promise<void> }).releasePostgresConnection(stale) : runner.release();
  return { sql, release };
}
