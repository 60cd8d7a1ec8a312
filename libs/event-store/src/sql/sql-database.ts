import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, QueryFailedError, QueryRunner } from 'typeorm';
import { DeferredTransaction, Sql, SqlDialect } from './sql';
import { postgresReader, postgresTransaction } from './postgres-statements';
import { SqlConfig } from './sql-config';
import { WriteQueue } from './write-queue';
import { textHash } from './text-hash';
import { WalCheckpointer } from './wal-checkpointer';

export interface SqlSchema {
  readonly migrations: NonNullable<DataSourceOptions['migrations']>;
  readonly entities?: DataSourceOptions['entities'];
}

/**
 * The SQL database behind the event store and the read models, opened and migrated by TypeORM;
 * PostgreSQL statements go straight to pg on TypeORM's pools (postgres-statements.ts), SQLite
 * statements straight to the better-sqlite3 connections it opened (see sqlOverSqlite).
 * On PostgreSQL a process opens two pools of DATABASE_POOL_SIZE connections: one for write
 * transactions and unmarked reads, one for the prepared reads (see PREPARED_READS_PLANS).
 * Writes go through `write`, one transaction at a time on SQLite (it has one writer, and
 * TypeORM shares a single connection there); reads go through `reader`, which on SQLite is
 * a second connection so that it never sees a write transaction that is still open.
 */
export class SqlDatabase {
  private readonly writes: WriteQueue;

  private constructor(
    readonly dialect: SqlDialect,
    readonly writer: DataSource,
    private readonly readerSource: DataSource,
    private readonly checkpointer: WalCheckpointer | null = null,
  ) {
    this.writes = new WriteQueue(dialect === 'sqlite' ? 1 : Number.POSITIVE_INFINITY);
    this.reader = dialect === 'sqlite' ? sqlOverSqlite(connectionOf(readerSource), false) : postgresReader(writer, readerSource);
    this.sqliteWriter = dialect === 'sqlite' ? sqlOverSqlite(connectionOf(writer), true) : null;
  }

  /** SQLite: statements of the write transactions, straight to the driver on the writer's one connection (see sqlOverSqlite). */
  private readonly sqliteWriter: Sql | null;

  readonly reader: Sql;

  static async open(config: SqlConfig, schema: SqlSchema): Promise<SqlDatabase> {
    const writer = await new DataSource({ ...dataSourceOptions(config, schema), migrationsRun: true }).initialize();
    if (config.dialect === 'postgres') {
      const url = withStartupSetting(config.url, `plan_cache_mode=${PREPARED_READS_PLANS}`);
      const preparedReads = await new DataSource({ ...dataSourceOptions({ ...config, url }, schema), name: 'prepared-reads' })
        .initialize()
        .catch(async (error: unknown) => {
          await writer.destroy();
          throw error;
        });
      return new SqlDatabase('postgres', writer, preparedReads);
    }
    const reader = await new DataSource({ ...dataSourceOptions(config, schema), name: 'reader' }).initialize();
    return new SqlDatabase('sqlite', writer, reader, WalCheckpointer.start(config.file, warnOnce()));
  }

  /**
   * Runs `work` in one transaction; commits when it resolves, rolls back when it throws.
   * `afterBegin` (a statement without parameters) runs first in the transaction; on PostgreSQL it
   * goes in the same round trip as BEGIN (the simple-query protocol takes several statements).
   */
  write<T>(work: (tx: Sql) => Promise<T>, options: { readonly afterBegin?: string } = {}): Promise<T> {
    return this.transaction(async (tx, begin) => (await begin(), work(tx)), options);
  }

  /**
   * As `write`, but the transaction (and `afterBegin`) begins only when `work` runs a statement
   * through `tx`; a statement run through `tx.last` before that runs alone, in autocommit.
   */
  writeDeferred<T>(work: (tx: DeferredTransaction) => Promise<T>, options: { readonly afterBegin?: string } = {}): Promise<T> {
    return this.transaction((tx) => work(tx), options);
  }

  private transaction<T>(work: (tx: DeferredTransaction, begin: () => Promise<void>) => Promise<T>, options: { readonly afterBegin?: string }): Promise<T> {
    return this.writes.run(async () => {
      const runner = this.writer.createQueryRunner();
      await runner.connect();
      // SQLite: BEGIN IMMEDIATE takes the write lock at once. A deferred BEGIN would take it at the
      // first write, and if another process (an API replica and a projector on one file) committed
      // after this transaction's first read, SQLite refuses the upgrade at once with SQLITE_BUSY
      // rather than wait (busy_timeout): the request would fail instead of waiting its turn.
      // PostgreSQL: the lock statement goes in the same round trip as START TRANSACTION.
      const opening = this.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : options.afterBegin !== undefined ? `START TRANSACTION; ${options.afterBegin}` : undefined;
      const manual = opening !== undefined;
      const postgres = this.sqliteWriter === null ? postgresTransaction(runner) : null;
      const onRunner = postgres?.sql ?? (this.sqliteWriter as Sql);
      let begun = false;
      const begin = async () => {
        if (begun) return;
        begun = true;
        if (this.dialect === 'sqlite') await beginImmediate(runner);
        else if (manual) await runner.query(opening);
        else await runner.startTransaction();
        if (this.dialect === 'sqlite' && options.afterBegin !== undefined) await onRunner.run(options.afterBegin);
      };
      const tx: DeferredTransaction = {
        dialect: this.dialect,
        rows: async (text, params) => (await begin(), onRunner.rows(text, params)),
        run: async (text, params) => (await begin(), onRunner.run(text, params)),
        last: onRunner,
      };
      try {
        const result = await work(tx, begin);
        if (begun) await (manual ? runner.query('COMMIT') : runner.commitTransaction());
        return result;
      } catch (error) {
        if (begun) await (manual ? runner.query('ROLLBACK') : runner.rollbackTransaction()).catch(() => undefined);
        throw error;
      } finally {
        await (postgres ? postgres.release() : runner.release());
      }
    });
  }

  /**
   * Runs one statement outside any transaction, in turn with the writes: maintenance that a
   * transaction refuses (VACUUM, a WAL checkpoint). Returns its rows, if any.
   */
  maintain<T = Record<string, unknown>>(statement: string): Promise<T[]> {
    return this.writes.run(async () => ((await this.writer.query(statement)) ?? []) as T[]);
  }

  /** Waits for the writes under way, then closes both connections. */
  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.writes.drain();
    if (this.readerSource.isInitialized) await this.readerSource.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }
}

/**
 * PostgreSQL: the plans of the reads marked by `preparedOnPostgres`, made once per connection. Left
 * to choose (`auto`), the server planned most of them anew at every run, since a plan for the values
 * at hand looked cheaper than one for any values: binding was a third of its statement time in the
 * reads at 50,000 shops (issue 12), planning a statement that then ran in a tenth of that time. These
 * statements are written for any values (lists as arrays, limits as parameters), and their generic
 * plans ran as fast. The connections of unmarked statements and of write transactions keep `auto`: a
 * statement written with its values in mind (a range of positions) may need a plan for them. Behind
 * PgBouncer, `ignore_startup_parameters = options` lets the connections open (the setting is then
 * dropped: the reads plan as before, with the same answers).
 */
const PREPARED_READS_PLANS = 'force_generic_plan';

/**
 * The URL with a server setting added to its startup `options`, after any it names: pg takes the
 * URL's own `options` over the ones given beside it, so a setting given beside a URL that names
 * some (a search_path, a statement_timeout) would be dropped without a word.
 */
export function withStartupSetting(url: string, setting: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `${parsed.searchParams.get('options') ?? ''} -c ${setting}`.trim());
  return parsed.toString();
}

/** How long a SQLite write transaction waits, in all, for another process to release the write lock. */
const SQLITE_LOCK_WAIT_MS = 10_000;

/**
 * BEGIN IMMEDIATE, again after a pause while another process holds the write lock. SQLite's own
 * busy handler (busy_timeout) does not always wait: under a projector's stream of commits, the
 * API process's BEGIN IMMEDIATE was seen to give up with SQLITE_BUSY after some 50 ms. Nothing
 * has run yet, so beginning again is safe; the pauses leave the event loop free meanwhile.
 */
async function beginImmediate(runner: QueryRunner): Promise<void> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await runner.query('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) * (0.5 + Math.random())));
    }
  }
}

/** A failing checkpoint is told once per kind of failure (the worker tries again every half second). */
function warnOnce(): (message: string) => void {
  let last: string | null = null;
  return (message) => {
    if (message !== last) process.emitWarning(`WAL checkpoint failed: ${message}`, 'SqliteCheckpointWarning');
    last = message;
  };
}

const isSqliteBusy = (error: unknown) => /^SQLITE_BUSY/.test((error as { driverError?: { code?: string } }).driverError?.code ?? '');

function dataSourceOptions(config: SqlConfig, schema: SqlSchema): DataSourceOptions {
  const common = { migrations: schema.migrations, entities: schema.entities ?? [], synchronize: false, logging: false };
  if (config.dialect === 'postgres') {
    return { ...common, type: 'postgres', url: config.url, extra: { max: config.poolSize } };
  }
  mkdirSync(dirname(config.file), { recursive: true, mode: 0o700 });
  // SQLite gives its WAL and shared-memory files the database file's permissions: owner-only from the start.
  closeSync(openSync(config.file, 'a', 0o600));
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.file,
    enableWAL: true,
    statementCacheSize: 500,
    prepareDatabase: (db: {
      pragma(source: string): unknown;
      function(name: string, options: { deterministic: boolean }, fn: (text: unknown) => unknown): unknown;
    }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      // Checkpoints run on a worker thread (wal-checkpointer.ts). The writer's own, in the commit
      // that grows the WAL past 256 MiB, is a backstop: it finds little left to copy, and lets the
      // next write start the WAL over when the worker's never catch up with a writer that never pauses.
      db.pragma('wal_autocheckpoint = 65536');
      db.pragma('foreign_keys = ON');
      db.pragma('cache_size = -65536');
      // Deleted rows and freed pages are overwritten with zeros, so an erased data key or blind
      // index is gone from the file once the WAL frames that still hold it are checkpointed away.
      db.pragma('secure_delete = ON');
      db.function('text_hash', { deterministic: true }, (text) => (typeof text === 'string' ? textHash(text) : null));
    },
  };
}

/** A statement's SQLite form. */
interface SqliteText {
  readonly text: string;
  /** Which `$n` each anonymous `?` stands for, in order. */
  readonly order: readonly number[];
  /** The `?` stand for `$1`, `$2`, … in turn, so parameters as many as they go as they are. */
  readonly inOrder: boolean;
}

const sqliteStatements = new Map<string, SqliteText>();

/**
 * Queries are written once with `$1`-style parameters, as PostgreSQL takes them. better-sqlite3
 * binds only anonymous `?` from an array, so for SQLite each `$n` becomes `?` and the parameters are laid out in the order
 * they occur (a repeated `$n` binds twice).
 */
function toSqlite(text: string, params: readonly unknown[]): [string, unknown[]] {
  let statement = sqliteStatements.get(text);
  if (statement === undefined) {
    const order: number[] = [];
    const converted = text.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    // Most statements name their parameters once each, in order: copying a bulk insert's 30,000 of them was 1% of its CPU.
    statement = { text: converted, order, inOrder: order.every((n, i) => n === i) };
    if (sqliteStatements.size < 10_000) sqliteStatements.set(text, statement);
  }
  const order = statement.order;
  return [statement.text, statement.inOrder && params.length === order.length ? (params as unknown[]) : order.map((i) => params[i])];
}

/** What SQLite statements need of better-sqlite3 (the connection TypeORM opened). */
interface SqliteConnection {
  prepare(source: string): SqliteStatement;
}
interface SqliteStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number };
}

/** Prepared statements kept per connection (as TypeORM's cache did): the oldest is dropped first. */
const SQLITE_STATEMENT_CACHE = 1000;

function connectionOf(source: DataSource): SqliteConnection {
  const connection = (source.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection;
  if (!connection) throw new Error('the SQLite connection is not open');
  return connection;
}

/**
 * SQLite statements run on better-sqlite3 directly, prepared once and bound from the array as it
 * is, not through TypeORM's query runner: per statement it awaited a statement lookup, built a
 * result object, told its logger and subscribers, and spread every parameter as an argument (30,000
 * for a bulk insert). A failure is the same QueryFailedError, its driverError the SQLite error.
 * Statements of one connection run one at a time (better-sqlite3 is synchronous), so a write
 * transaction begun on the writer's connection holds every statement run through it.
 */
function sqlOverSqlite(connection: SqliteConnection, writes: boolean): Sql {
  const statements = new Map<string, SqliteStatement>();
  const execute = (text: string, params: readonly unknown[]): unknown[] | number => {
    const [source, values] = toSqlite(text, params);
    try {
      let statement = statements.get(source);
      if (statement === undefined) {
        statement = connection.prepare(source);
        if (statements.size >= SQLITE_STATEMENT_CACHE) statements.delete(statements.keys().next().value as string);
        statements.set(source, statement);
      }
      return statement.reader ? statement.all(values) : statement.run(values).changes;
    } catch (error) {
      throw new QueryFailedError(source, values, error as Error);
    }
  };
  return {
    dialect: 'sqlite',
    async rows<T>(text: string, params: readonly unknown[] = []) {
      const result = execute(text, params);
      return (typeof result === 'number' ? [] : result) as T[];
    },
    async run(text: string, params: readonly unknown[] = []) {
      if (!writes) throw new Error('the reader does not write: use SqlDatabase.write');
      const result = execute(text, params);
      return typeof result === 'number' ? result : 0;
    },
  };
}
