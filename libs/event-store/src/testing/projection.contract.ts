import { randomUUID } from 'node:crypto';
import { StoredEvent } from '../envelope';
import { Projection } from '../projections/projection';
import { Processor } from '../projections/processor';
import { Sql } from '../sql/sql';
import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { events, sleep } from './event-fixtures';
import { waitFor } from './event-store.contract';

/** A read model that would show any event applied twice: a row per event, a running count. */
class CountingProjection implements Projection {
  readonly name = `counting-${randomUUID().slice(0, 8)}`;
  failAtPosition: number | null = null;

  constructor(readonly table: string) {}

  async apply(batch: readonly StoredEvent[], tx: Sql): Promise<void> {
    for (const event of batch) {
      await tx.run(`INSERT INTO ${this.table} (event_id, position) VALUES ($1, $2)`, [event.id, event.position]);
      await tx.run(`UPDATE ${this.table}_total SET applied = applied + 1`);
      if (event.position === this.failAtPosition) {
        this.failAtPosition = null;
        throw new Error('worker killed mid-batch');
      }
    }
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run(`DELETE FROM ${this.table}`);
    await tx.run(`UPDATE ${this.table}_total SET applied = 0`);
  }
}

export function describeProjectionContract(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  describe(`projections: ${dialect}`, () => {
    let db: SqlDatabase;
    let store: SqlEventStore;
    let projection: CountingProjection;
    const runners: Processor[] = [];

    const runner = (options = {}) => {
      const created = new Processor(store, db, [projection], { batchSize: 10, pollIntervalMs: 10, ...options });
      runners.push(created);
      return created;
    };
    const applied = async () => {
      const [row] = await db.reader.rows<{ applied: number }>(`SELECT applied FROM ${projection.table}_total`);
      const ids = await db.reader.rows<{ event_id: string }>(`SELECT event_id FROM ${projection.table}`);
      return { count: Number(row.applied), ids: ids.map((r) => r.event_id) };
    };
    const allIds = async () => (await store.readAll(1, 1_000_000)).map((e) => e.id);
    const appendSome = async (count: number) => {
      const batch = events(count);
      await store.append(`shop-${randomUUID()}`, batch, 'no_stream');
      return batch.map((e) => e.id);
    };

    beforeEach(async () => {
      db = await openDatabase();
      store = new SqlEventStore(db);
      projection = new CountingProjection(`read_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
      await db.write(async (tx) => {
        await tx.run(`CREATE TABLE ${projection.table} (event_id TEXT PRIMARY KEY, position BIGINT NOT NULL)`);
        await tx.run(`CREATE TABLE ${projection.table}_total (applied INTEGER NOT NULL)`);
        await tx.run(`INSERT INTO ${projection.table}_total (applied) VALUES (0)`);
      });
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await store.close();
      await db.close();
    });

    it('applies every event once, follows new ones and reports no lag when caught up', async () => {
      await appendSome(25);
      await appendSome(7);
      const running = runner();
      await running.start();
      await waitFor(async () => (await running.status())[0].lag === 0);
      const more = await appendSome(3);
      await waitFor(async () => (await applied()).ids.includes(more[2]));
      const result = await applied();
      const expected = await allIds();
      expect(result.count).toBe(expected.length);
      expect(result.ids.sort()).toEqual(expected.sort());
      const [status] = await running.status();
      expect(status).toMatchObject({ name: projection.name, lag: 0, running: true });
    });

    it('resumes after a worker is killed mid-batch without applying any event twice', async () => {
      await appendSome(30);
      const head = await store.headPosition();
      projection.failAtPosition = head - 12;
      const crashed = runner();
      await expect(crashed.catchUp(projection.name)).rejects.toThrow('worker killed mid-batch');
      const partial = await applied();
      expect(partial.count).toBeLessThan((await allIds()).length);
      expect(partial.count % 10).toBe(0);

      await runner().catchUp(projection.name);
      const result = await applied();
      expect(result.count).toBe(result.ids.length);
      expect(result.ids.sort()).toEqual((await allIds()).sort());
      expect((await runner().status())[0].lag).toBe(0);
    });

    it('applies each event once when two workers run the same projection', async () => {
      await appendSome(40);
      const first = runner();
      const second = runner();
      await Promise.all([first.start(), second.start()]);
      await appendSome(40);
      await waitFor(async () => (await first.status())[0].lag === 0);
      await sleep(50);
      const result = await applied();
      expect(result.count).toBe(result.ids.length);
      expect(result.ids.sort()).toEqual((await allIds()).sort());
    });

    it('runs several projections on one subscription and serves one that was rebuilt while the others go on', async () => {
      const other = new CountingProjection(`read_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
      await db.write(async (tx) => {
        await tx.run(`CREATE TABLE ${other.table} (event_id TEXT PRIMARY KEY, position BIGINT NOT NULL)`);
        await tx.run(`CREATE TABLE ${other.table}_total (applied INTEGER NOT NULL)`);
        await tx.run(`INSERT INTO ${other.table}_total (applied) VALUES (0)`);
      });
      const both = new Processor(store, db, [projection, other], { batchSize: 100, pollIntervalMs: 10 });
      runners.push(both);
      await both.start();
      await appendSome(25);
      await waitFor(async () => (await both.status()).every((s) => s.lag === 0));
      await both.rebuild(other.name);
      await appendSome(15);
      await waitFor(async () => (await both.status()).every((s) => s.lag === 0));
      const expected = (await allIds()).sort();
      for (const table of [projection.table, other.table]) {
        const ids = (await db.reader.rows<{ event_id: string }>(`SELECT event_id FROM ${table}`)).map((r) => r.event_id).sort();
        const [total] = await db.reader.rows<{ applied: number }>(`SELECT applied FROM ${table}_total`);
        expect(ids).toEqual(expected);
        expect(Number(total.applied)).toBe(expected.length);
      }
    });

    it('leaves the event loop a turn between the batches it catches up', async () => {
      await appendSome(25);
      const order: string[] = [];
      const watched: Projection = {
        name: projection.name,
        apply: async (batch, tx) => {
          if (order.length === 0) setImmediate(() => order.push('turn'));
          order.push(`batch of ${batch.length}`);
          await projection.apply(batch, tx);
        },
        reset: (tx) => projection.reset(tx),
      };
      const catching = new Processor(store, db, [watched], { batchSize: 10 });
      runners.push(catching);

      expect(await catching.catchUp(watched.name)).toBe((await allIds()).length);
      expect(order.slice(0, 3)).toEqual(['batch of 10', 'turn', 'batch of 10']);
    });

    it('catches a projection that reads no events up to the head in one batch of none, then settles it', async () => {
      await appendSome(25);
      const calls: string[] = [];
      const follower: Projection = {
        name: projection.name,
        readsEvents: false,
        apply: async (batch) => void calls.push(`batch of ${batch.length}`),
        reset: async () => undefined,
        settle: async () => void calls.push('settled'),
      };
      const catching = new Processor(store, db, [follower], { batchSize: 10 });
      runners.push(catching);

      const head = await store.headPosition();
      expect(await catching.rebuild(follower.name)).toBe(head);
      expect(calls).toEqual(['batch of 0', 'settled']);
      expect((await catching.status())[0]).toMatchObject({ checkpoint: head, lag: 0 });

      expect(await catching.catchUp(follower.name)).toBe(0);
      expect(calls).toEqual(['batch of 0', 'settled', 'settled']);
    });

    it('rebuilds a projection that reads no events while the others go on', async () => {
      await appendSome(25);
      const calls: string[] = [];
      let whileSettling: string[] = [];
      const follower: Projection = {
        name: `follower-${randomUUID().slice(0, 8)}`,
        readsEvents: false,
        apply: async () => undefined,
        reset: async () => void calls.push('reset'),
        settle: async () => {
          calls.push('settling');
          whileSettling = await appendSome(5);
          await waitFor(async () => (await applied()).ids.includes(whileSettling[4]));
        },
      };
      const both = new Processor(store, db, [projection, follower], { batchSize: 10, pollIntervalMs: 10 });
      runners.push(both);
      await both.start();
      await waitFor(async () => (await both.status()).every((s) => s.lag === 0));
      const before = (await both.status()).find((s) => s.name === follower.name)!.checkpoint;

      expect(await both.rebuild(follower.name)).toBeGreaterThanOrEqual(before);
      expect(calls).toEqual(['reset', 'settling']);
      expect((await applied()).ids).toEqual(expect.arrayContaining(whileSettling));
      await waitFor(async () => (await both.status()).every((s) => s.lag === 0 && s.running));
    });

    it('rebuilds the read model from position 0 to the same state', async () => {
      await appendSome(15);
      const running = runner();
      await running.catchUp(projection.name);
      const before = await applied();
      const rebuilt = await running.rebuild(projection.name);
      const after = await applied();
      expect(rebuilt).toBe((await allIds()).length);
      expect(after.count).toBe(before.count);
      expect(new Set(after.ids)).toEqual(new Set(before.ids));
    });
  });
}
