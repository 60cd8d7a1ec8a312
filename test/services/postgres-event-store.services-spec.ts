import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { Pool } from 'pg';
import { ConcurrencyError, SqlDatabase, SqlEventStore, StoredEvent, checkpoints, eventStoreMigrations, preparedOnPostgres } from '@registry/event-store';
import { describeProcessorContract, describeProjectionContract, describeSqlEventStoreContract, events, sleep } from '@registry/event-store/testing';
import { createPostgresDatabase } from '../support/databases';

jest.setTimeout(30_000);

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => (database = await createPostgresDatabase()));
afterAll(() => database.drop());

const open = () => SqlDatabase.open({ dialect: 'postgres', url: database.url, poolSize: 20 }, { migrations: eventStoreMigrations });

describeSqlEventStoreContract('PostgreSQL', open);
describeProjectionContract('PostgreSQL', open);
describeProcessorContract('PostgreSQL', open);

describe('event store on PostgreSQL: two processes appending to one database', () => {
  it('keeps positions in commit order: a follower of one sees every event of both once, in order, and retries stay no-ops', async () => {
    const [dbA, dbB] = [await open(), await open()];
    const [a, b] = [new SqlEventStore(dbA), new SqlEventStore(dbB)];
    try {
      const from = (await a.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const follower = a.subscribe(async (batch) => void seen.push(...batch), { fromPosition: from, pollIntervalMs: 1, batchSize: 5 });
      const appended: number[] = [];
      await Promise.all(
        Array.from({ length: 16 }, async (_, writer) => {
          const store = writer % 2 === 0 ? a : b;
          const stream = `writer-${writer}-${randomUUID()}`;
          let version = 0;
          for (let i = 0; i < 12; i++) {
            const batch = events(1 + (i % 4));
            const result = await store.append(stream, batch, version === 0 ? 'no_stream' : version);
            // The other process retries the same append: it gets the stored result, stores nothing.
            if (i % 5 === 0) expect(await (store === a ? b : a).append(stream, batch, version === 0 ? 'no_stream' : version)).toEqual(result);
            version = result.nextVersion;
            appended.push(...result.positions);
            await sleep(Math.random() * 3);
          }
        }),
      );
      await waitUntil(() => seen.length >= appended.length);
      await follower.stop();
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...appended].sort((x, y) => x - y));
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    } finally {
      await a.close();
      await b.close();
      await dbA.close();
      await dbB.close();
    }
  });

  it('lets exactly one of two processes win the same expected version', async () => {
    const [dbA, dbB] = [await open(), await open()];
    const [a, b] = [new SqlEventStore(dbA), new SqlEventStore(dbB)];
    try {
      const stream = `shop-${randomUUID()}`;
      await a.append(stream, events(1), 'no_stream');
      const outcomes = await Promise.allSettled([a.append(stream, events(2), 1), b.append(stream, events(3), 1)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(ConcurrencyError) });
      expect((await a.readStream(stream)).map((e) => e.version)).toEqual(outcomes[0].status === 'fulfilled' ? [1, 2, 3] : [1, 2, 3, 4]);
    } finally {
      await a.close();
      await b.close();
      await dbA.close();
      await dbB.close();
    }
  });
});

describe('event store on PostgreSQL: the append guard on a new database', () => {
  it('looks ids and versions up by index in a session that first appended to an empty table', async () => {
    // One connection: the appends below all run in the session whose plans are kept.
    const { db, store, close } = await newDatabaseOnOneConnection();
    try {
      // More than five calls: PostgreSQL then keeps a generic plan of each statement of the function.
      for (let i = 0; i < 8; i++) await store.append(`early-${i}`, events(1), 'no_stream');
      await db.write((tx) =>
        tx.run(`INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at)
        SELECT gen_random_uuid(), 'filler-' || n, 1, 'Filler', 1, '{}', '{}', now() FROM generate_series(1, 5000) AS n`),
      );
      const scans = await db.write(async (tx) => {
        // The session's scans not yet reported to the statistics, before and after one more append.
        const counted = async () => {
          const [row] = await tx.rows<{ seq_scan: string; idx_scan: string }>(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'events'",
          );
          return { sequential: Number(row.seq_scan), byIndex: Number(row.idx_scan) };
        };
        const before = await counted();
        await store.appendAllWithin(tx, [{ stream: `late-${randomUUID()}`, events: events(2), expected: 'no_stream' }]);
        const after = await counted();
        return { sequential: after.sequential - before.sequential, byIndex: after.byIndex - before.byIndex };
      });
      expect(scans).toEqual({ sequential: 0, byIndex: expect.any(Number) });
      expect(scans.byIndex).toBeGreaterThanOrEqual(2);
    } finally {
      await close();
    }
  });
});

describe('SqlDatabase on PostgreSQL: statements straight to pg', () => {
  it('runs marked statements by name, prepared once per connection, reads on one plan, keeps a connection after a failed statement, drops one whose statements went stale', async () => {
    // One connection a pool: every write and unmarked read runs in one session, every marked read in another.
    const { db, store, close } = await newDatabaseOnOneConnection();
    try {
      for (let i = 0; i < 3; i++) await store.append(`shop-${i}`, events(1), 'no_stream');
      await store.append('shop-0', events(2), 1);
      for (let i = 0; i < 7; i++) expect(await checkpoints.read(db.reader, 'no-such-projection')).toBe(0);
      await db.reader.rows('SELECT count(*) FROM events WHERE stream = $1', ['shop-0']);
      // The writes' session keeps the append, run four times; the unmarked statement is not kept.
      expect(
        await db.reader.rows('SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE NOT from_sql ORDER BY statement'),
      ).toEqual([{ statement: expect.stringContaining('FROM append_events($1::jsonb'), runs: '4' }]);
      // The prepared reads' session keeps the checkpoint read, planned once for its seven runs
      // (left to choose, PostgreSQL plans the first five for their values).
      expect(await db.reader.rows(CHECKPOINT_READ_PLANS)).toEqual([{ generic: '7', custom: '0' }]);
      expect(await db.reader.rows(PREPARED_READS_MODE)).toEqual([{ mode: 'force_generic_plan' }]);
      expect(await db.reader.rows('SELECT stream, version FROM events ORDER BY position')).toHaveLength(5);

      const pid = async () => (await db.reader.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0].pid;
      const before = await pid();
      const failed = await db.reader.rows('SELECT * FROM no_such_table').catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(QueryFailedError);
      expect((failed as QueryFailedError).driverError).toMatchObject({ code: '42P01' });
      // The failed read gave its connection back: the same session, its prepared statements kept.
      expect(await pid()).toBe(before);
      expect(await db.reader.rows('SELECT name FROM pg_prepared_statements WHERE NOT from_sql')).toHaveLength(1);

      // The server forgets the statements pg's client believes prepared (a pooler that drops them):
      // a read runs again unnamed and its connection is replaced; an append fails once, and its connection is closed.
      const readsPid = async () => (await db.reader.rows<{ pid: number }>(PREPARED_READS_PID))[0].pid;
      const readsBefore = await readsPid();
      const preparedReads = await (db as unknown as { readerSource: { driver: { master: Pool } } }).readerSource.driver.master.connect();
      await preparedReads.query('DEALLOCATE ALL');
      preparedReads.release();
      expect(await checkpoints.read(db.reader, 'no-such-projection')).toBe(0);
      expect(await readsPid()).not.toBe(readsBefore);
      await db.reader.rows('DEALLOCATE ALL');
      const stale = await store.append('shop-9', events(1), 'no_stream').catch((error: unknown) => error);
      expect((stale as QueryFailedError).driverError).toMatchObject({ code: '26000' });
      expect(await pid()).not.toBe(before);
      await store.append('shop-9', events(1), 'no_stream');
      expect(await db.reader.rows('SELECT stream FROM events WHERE stream = $1', ['shop-9'])).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

const CHECKPOINT_READ_PLANS = preparedOnPostgres(
  "SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements WHERE statement = 'SELECT position FROM projection_checkpoints WHERE name = $1'",
);
const PREPARED_READS_MODE = preparedOnPostgres("SELECT current_setting('plan_cache_mode') AS mode");
const PREPARED_READS_PID = preparedOnPostgres('SELECT pg_backend_pid() AS pid, 1 AS prepared');

describe('checkpoints on PostgreSQL: held for a transaction', () => {
  it('given a batch that moves the checkpoint and commits while another transaction waits to hold it, the holder sees where it moved, without a conflict', async () => {
    const fresh = await createPostgresDatabase();
    const db = await SqlDatabase.open({ dialect: 'postgres', url: fresh.url, poolSize: 2 }, { migrations: eventStoreMigrations });
    try {
      await db.write((tx) => checkpoints.ensure(tx, 'view'));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let moved!: () => void;
      const advanced = new Promise<void>((resolve) => (moved = resolve));
      const batch = db.write(async (tx) => {
        await checkpoints.advance(tx, 'view', 0, 7);
        moved();
        await released; // the row stays locked until this commits
      });
      await advanced;
      const held = db.write((tx) => checkpoints.hold(tx, 'view'));
      await sleep(100);
      release();

      await batch;
      expect(await held).toBe(7);
      expect(await checkpoints.read(db.reader, 'view')).toBe(7);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

/** A new database whose SqlDatabase has one connection, so that every statement runs in one session. */
async function newDatabaseOnOneConnection() {
  const fresh = await createPostgresDatabase();
  const db = await SqlDatabase.open({ dialect: 'postgres', url: fresh.url, poolSize: 1 }, { migrations: eventStoreMigrations });
  const store = new SqlEventStore(db);
  const close = async () => {
    await store.close();
    await db.close();
    await fresh.drop();
  };
  return { db, store, close };
}

/** Waits for `done`, at most 5 s: then the assertions tell what is missing. */
async function waitUntil(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5_000; waited += 10) await sleep(10);
}
