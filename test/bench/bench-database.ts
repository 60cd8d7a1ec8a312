/**
 * The database a benchmark's registry writes to, as the benchmark reads it: its size, where its
 * bytes go, and the positions a live phase polls (the head, a projection's checkpoint, the
 * operator view's point), from a connection of the benchmark's own.
 *
 * Without `DATABASE_URL`: the embedded SQLite file in the data folder. With `DATABASE_URL`
 * (postgres://…, the registry's own variable): a database of its own on that server, created here
 * and given to the registry as its DATABASE_URL, so that a run never touches the tables of the
 * database named in the URL (only a connection to it is used, to create and drop the other).
 * A kept data folder (`keep`) has a database named after the folder, used again by the next run;
 * otherwise the name is random and the database is dropped at the end.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { StorageBreakdown, postgresStorageBreakdown, sqliteStorageBreakdown } from './storage-breakdown';

/** Positions read straight from the database, as the registry committed them. */
export interface PositionReader {
  /** The last event's position (0 when there is none). */
  head(): Promise<number>;
  /** A projection's checkpoint (0 before its first). */
  checkpoint(projection: string): Promise<number>;
  /** The identity-graph position the operator view's answers stand at (0 before its first). */
  viewPoint(): Promise<number>;
  close(): Promise<void>;
}

export interface BenchDatabase {
  /** `sqlite` or `postgres`: a data folder loaded on one is not used on the other. */
  readonly kind: 'sqlite' | 'postgres';
  /** What a report says it ran on. */
  readonly description: string;
  /** Added to the registry's environment. */
  readonly env: Record<string, string>;
  /** Whether the database was empty (just created) when the run began. */
  readonly fresh: boolean;
  /** Bytes of the registry's tables and indexes (SQLite: the file with its WAL). */
  bytes(): Promise<number>;
  /** Bytes per table and index. */
  breakdown(): Promise<StorageBreakdown>;
  positions(): Promise<PositionReader>;
  /** Closes what this holds; drops the database unless it is kept. */
  close(): Promise<void>;
}

const HEAD = 'SELECT COALESCE(MAX(position), 0) AS p FROM events';
const CHECKPOINT = 'SELECT position AS p FROM projection_checkpoints WHERE name = $1';
const VIEW_POINT = 'SELECT position AS p FROM operator_view_state WHERE id = 1';

/** The database for a run on `dataDir`: PostgreSQL when `databaseUrl` is set, else the folder's SQLite file. */
export async function openBenchDatabase(dataDir: string, databaseUrl: string | undefined, keep: boolean): Promise<BenchDatabase> {
  return databaseUrl ? openPostgres(dataDir, databaseUrl, keep) : sqlite(dataDir);
}

function sqlite(dataDir: string): BenchDatabase {
  const file = join(dataDir, 'registry.sqlite');
  return {
    kind: 'sqlite',
    description: `embedded SQLite (${file})`,
    env: {},
    fresh: !readdirSync(dataDir).some((name) => name.startsWith('registry.sqlite')),
    bytes: async () =>
      readdirSync(dataDir)
        .filter((name) => name.startsWith('registry.sqlite'))
        .reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0),
    breakdown: async () => sqliteStorageBreakdown(file),
    positions: async () => {
      // Reads only (WAL: never in the server's way).
      const db = new Database(file, { fileMustExist: true });
      db.pragma('busy_timeout = 1000');
      const position = (sql: string, ...values: unknown[]) =>
        Number((db.prepare(sql.replace(/\$1/g, '?')).get(...values) as { p: number | null } | undefined)?.p ?? 0);
      return {
        head: async () => position(HEAD),
        checkpoint: async (projection) => position(CHECKPOINT, projection),
        viewPoint: async () => position(VIEW_POINT),
        close: async () => void db.close(),
      };
    },
    close: async () => undefined,
  };
}

async function openPostgres(dataDir: string, databaseUrl: string, keep: boolean): Promise<BenchDatabase> {
  const name = keep ? `bench_${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}` : `bench_${randomBytes(6).toString('hex')}`;
  const server = new Client({ connectionString: databaseUrl });
  await server.connect();
  let fresh = false;
  let autovacuum: string;
  try {
    autovacuum = (await server.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0].autovacuum;
    const { rows } = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      await server.query(`CREATE DATABASE "${name}"`);
      fresh = true;
    }
  } finally {
    await server.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const connect = async () => {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  };
  const own = await connect();
  const position = async (client: Pool, sql: string, values: unknown[] = []) => {
    try {
      const { rows } = await client.query<{ p: string | number | null }>(sql, values);
      return Number(rows[0]?.p ?? 0);
    } catch (error) {
      // Before the registry has migrated the database, its tables are not there yet.
      if ((error as { code?: string }).code === '42P01') return 0;
      throw error;
    }
  };
  return {
    kind: 'postgres',
    // With autovacuum off nothing analyses the tables as they grow: at 50,000 shops the operator view's lag under new claims was 31–33 s against 0.4–1.2 s (docs/benchmarks.md).
    description: `PostgreSQL database ${name} on ${url.host}${keep ? ' (kept)' : ' (dropped at the end)'}, autovacuum ${autovacuum}${
      autovacuum === 'on'
        ? ''
        : " (PostgreSQL's default is on: without it no table is analysed or vacuumed during the run, and the figures are not a default server's)"
    }`,
    env: { DATABASE_URL: url.toString() },
    fresh,
    bytes: async () => {
      const { rows } = await own.query<{ bytes: string }>(
        `SELECT COALESCE(SUM(CASE WHEN c.relkind = 'r' THEN pg_table_size(c.oid) ELSE pg_relation_size(c.oid) END), 0) AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')`,
      );
      return Number(rows[0].bytes);
    },
    breakdown: async () => {
      // Current row counts, and the dead rows of the load made free space (as the CLI does).
      await own.query('VACUUM ANALYZE');
      return postgresStorageBreakdown(own);
    },
    positions: async () => {
      // One connection; a pool of one queues the reads of concurrent callers (a client would interleave them).
      const client = new Pool({ connectionString: url.toString(), max: 1 });
      return {
        head: () => position(client, HEAD),
        checkpoint: (projection) => position(client, CHECKPOINT, [projection]),
        viewPoint: () => position(client, VIEW_POINT),
        close: () => client.end(),
      };
    },
    close: async () => {
      await own.end();
      if (keep) return;
      const admin = new Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
