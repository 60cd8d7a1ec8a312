import { randomUUID } from 'node:crypto';
import { StoredEvent } from '../envelope';
import { checkpoints } from '../projections/checkpoints';
import { Processor } from '../projections/processor';
import { Projection } from '../projections/projection';
import { BatchReactor, EventBatch, EventPage } from '../projections/reactor';
import { Sql } from '../sql/sql';
import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { AppendSignal } from '../subscription/append-signal';
import { events, sleep } from './event-fixtures';
import { waitFor } from './event-store.contract';

/** A reactor whose effect is recorded, fails on demand and can be held mid-batch. */
class RecordingReactor extends BatchReactor<StoredEvent> {
  readonly handled: number[] = [];
  readonly attempts: number[] = [];
  failNext = 0;
  hold: Promise<void> | undefined;
  aborted = false;

  constructor(
    private readonly store: SqlEventStore,
    db: SqlDatabase,
    readonly backoff = { initialMs: 20, maxMs: 160 },
  ) {
    super(`reactor-${randomUUID().slice(0, 8)}`, db, 10);
  }

  protected async read(after: number, limit: number): Promise<EventPage<StoredEvent>> {
    const page = await this.store.readAll(after + 1, limit);
    return { events: page, scannedTo: page.length > 0 ? page[page.length - 1].position : after };
  }

  protected head(): Promise<number> {
    return this.store.headPosition();
  }

  protected async handle({ events }: EventBatch<StoredEvent>): Promise<void> {
    this.attempts.push(Date.now());
    await this.hold;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('broker down');
    }
    this.handled.push(...events.map((e) => e.position));
  }

  abort(): void {
    this.aborted = true;
  }
}

/** A read model of a row per event; fails once at a position, after writing its rows, when told to. */
class RowsProjection implements Projection {
  readonly name = `rows-${randomUUID().slice(0, 8)}`;
  failAt: number | null = null;
  hold: Promise<void> | undefined;

  constructor(
    readonly table: string,
    readonly standsAlone = false,
  ) {}

  async apply(batch: readonly StoredEvent[], tx: Sql): Promise<void> {
    for (const event of batch) await tx.run(`INSERT INTO ${this.table} (position) VALUES ($1)`, [event.position]);
    await this.hold;
    if (batch.some((e) => e.position === this.failAt)) {
      this.failAt = null;
      throw new Error('projection failed mid-batch');
    }
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run(`DELETE FROM ${this.table}`);
  }
}

/**
 * The processor's behaviour over a database that other tests may share: every follower starts at
 * the head of the log (`base`), and positions are counted from there.
 */
export function describeProcessorContract(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  describe(`the processor (one loop for projections and reactors): ${dialect}`, () => {
    let db: SqlDatabase;
    let store: SqlEventStore;
    let signal: AppendSignal;
    let table: string;
    let base: number;
    const processors: Processor[] = [];

    beforeEach(async () => {
      db = await openDatabase();
      signal = new AppendSignal();
      store = new SqlEventStore(db, signal);
      table = `processor_rows_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await db.write((tx) => tx.run(`CREATE TABLE ${table} (position BIGINT NOT NULL)`));
      base = await store.headPosition();
    });
    afterEach(async () => {
      await Promise.all(processors.splice(0).map((p) => p.stop()));
      await store.close();
      await db.close();
    });

    /** Followers start at the head: what other tests appended is not theirs to follow. */
    const processor = async (followers: ConstructorParameters<typeof Processor>[2], options: ConstructorParameters<typeof Processor>[3] = {}) => {
      await db.write(async (tx) => {
        for (const { name } of followers) {
          await checkpoints.ensure(tx, name);
          await checkpoints.advance(tx, name, 0, base);
        }
      });
      const created = new Processor(store, db, followers, { batchSize: 10, pollIntervalMs: 20, signal, ...options });
      processors.push(created);
      return created;
    };
    const append = (count: number) => store.append(`thing-${randomUUID()}`, events(count), 'no_stream');
    const rows = async () => (await db.reader.rows<{ position: number }>(`SELECT position FROM ${table} ORDER BY position`)).map((r) => Number(r.position));
    const positions = async () => (await store.readAll(base + 1, 10_000)).map((e) => e.position);
    /** Positions base + from … base + to. */
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => base + from + i);

    it('retries a failing reactor with growing pauses, keeps its checkpoint until the effect succeeds, then goes on from it', async () => {
      await append(5);
      const reactor = new RecordingReactor(store, db);
      reactor.failNext = 4;
      const failures: number[] = [];
      const running = await processor([reactor], { onError: (name, _, consecutive) => name === reactor.name && failures.push(consecutive) });
      await running.start();

      await waitFor(() => failures.length >= 2);
      const [failing] = await running.reactorStatus();
      expect(failing).toMatchObject({ name: reactor.name, state: 'retrying', checkpoint: base, lastError: 'Error: broker down' });
      expect(await checkpoints.read(db.reader, reactor.name)).toBe(base);

      await waitFor(async () => (await running.reactorStatus())[0].lag === 0);
      expect(failures).toEqual([1, 2, 3, 4]);
      // Backoff from 20 ms doubling, each wait at least half of it: 10, 20, 40, 80 ms at least.
      const gaps = reactor.attempts.slice(1).map((at, i) => at - reactor.attempts[i]);
      expect(gaps.slice(0, 4).map((gap, i) => gap >= 10 * 2 ** i - 2)).toEqual([true, true, true, true]);
      expect(reactor.handled).toEqual(await positions());
      expect(await checkpoints.read(db.reader, reactor.name)).toBe(await store.headPosition());
      expect((await running.reactorStatus())[0]).toMatchObject({ state: 'running', failures: 4, consecutiveFailures: 0 });

      await append(3);
      await waitFor(async () => reactor.handled.length === 8);
      expect(reactor.handled).toEqual(await positions());
    });

    it("commits a projection's writes and its checkpoint together or not at all", async () => {
      await append(25);
      const projection = new RowsProjection(table);
      projection.failAt = base + 15;
      const seenAtFailure: Array<{ rows: number[]; checkpoint: number }> = [];
      const running = await processor([projection], {
        onError: () =>
          void Promise.all([rows(), checkpoints.read(db.reader, projection.name)]).then(([r, checkpoint]) => seenAtFailure.push({ rows: r, checkpoint })),
      });
      await running.start();
      await waitFor(async () => (await running.status())[0].lag === 0);

      // The failed batch (11 to 20) left neither its rows nor a checkpoint move: the first batch alone was there.
      expect(seenAtFailure).toEqual([{ rows: range(1, 10), checkpoint: base + 10 }]);
      expect(await rows()).toEqual(await positions());
      expect((await running.status())[0]).toMatchObject({ checkpoint: base + 25, lag: 0, lastError: null });
    });

    it('waits at shutdown for the batch under way, committed and marked, and then does nothing more', async () => {
      await append(5);
      const projection = new RowsProjection(table);
      const reactor = new RecordingReactor(store, db);
      let release!: () => void;
      projection.hold = reactor.hold = new Promise<void>((resolve) => (release = resolve));
      const running = await processor([projection, reactor]);
      await running.start();
      await waitFor(() => reactor.attempts.length === 1);

      let stopped = false;
      const stopping = running.stop().then(() => (stopped = true));
      await sleep(50);
      expect(stopped).toBe(false);
      release();
      await stopping;

      expect(await rows()).toEqual(range(1, 5));
      expect(reactor.handled).toEqual(range(1, 5));
      expect(await checkpoints.read(db.reader, projection.name)).toBe(base + 5);
      expect(await checkpoints.read(db.reader, reactor.name)).toBe(base + 5);
      await append(2);
      await sleep(60);
      expect(reactor.handled).toEqual(range(1, 5));
      expect(await rows()).toEqual(range(1, 5));
    });

    it('asks a reactor to cut short a pass that outlasts the shutdown grace', async () => {
      await append(2);
      const reactor = new RecordingReactor(store, db);
      let release!: () => void;
      reactor.hold = new Promise<void>((resolve) => (release = resolve));
      const running = await processor([reactor], { shutdownGraceMs: 30 });
      await running.start();
      await waitFor(() => reactor.attempts.length === 1);
      const stopping = running.stop();
      await waitFor(() => reactor.aborted);
      release();
      await stopping;
      expect(reactor.aborted).toBe(true);
    });

    it('keeps projections current while a reactor is down', async () => {
      const projection = new RowsProjection(table);
      const reactor = new RecordingReactor(store, db, { initialMs: 1000, maxMs: 1000 });
      reactor.failNext = 100;
      const running = await processor([projection, reactor]);
      await running.start();
      await append(12);
      await waitFor(async () => (await running.reactorStatus())[0].state === 'retrying');
      await waitFor(async () => (await running.status())[0].lag === 0);
      expect(await rows()).toEqual(await positions());
      expect((await running.reactorStatus())[0]).toMatchObject({ state: 'retrying', checkpoint: base });
    });

    it('applies a projection that stands alone once per event whatever befalls the others, on PostgreSQL committed while they wait', async () => {
      const aloneTable = `${table}_alone`;
      await db.write((tx) => tx.run(`CREATE TABLE ${aloneTable} (position BIGINT NOT NULL)`));
      const shared = new RowsProjection(table);
      const alone = new RowsProjection(aloneTable, true);
      let release = () => {};
      shared.hold = new Promise<void>((resolve) => (release = resolve));
      shared.failAt = base + 3;
      const aloneRows = async () =>
        (await db.reader.rows<{ position: number }>(`SELECT position FROM ${aloneTable} ORDER BY position`)).map((r) => Number(r.position));
      await append(6);
      const running = await processor([shared, alone]);
      await running.start();

      if (db.dialect === 'postgres') await waitFor(async () => (await aloneRows()).length === 6);
      release();
      await waitFor(async () => (await running.status()).every((s) => s.lag === 0));

      expect(await rows()).toEqual(range(1, 6));
      expect(await aloneRows()).toEqual(range(1, 6));
    });

    it('registers a projection written against the Projection interface, and refuses a second follower of the same name', async () => {
      const projection = new RowsProjection(table);
      const running = await processor([]);
      await db.write(async (tx) => {
        await checkpoints.ensure(tx, projection.name);
        await checkpoints.advance(tx, projection.name, 0, base);
      });
      running.add(projection);
      expect(running.names()).toEqual([projection.name]);
      expect(() => running.add(projection)).toThrow(`a follower named ${projection.name} is registered already`);
      await append(3);
      await running.start();
      await waitFor(async () => (await rows()).length === 3);
    });
  });
}
