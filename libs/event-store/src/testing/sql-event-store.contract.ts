import { randomUUID } from 'node:crypto';
import { StoredEvent } from '../envelope';
import { ConcurrencyError } from '../errors';
import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { events, sleep } from './event-fixtures';
import { describeEventStoreContract, waitFor } from './event-store.contract';

/** The port contract plus what only a SQL adapter promises: appends inside a caller's transaction. */
export function describeSqlEventStoreContract(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  describeEventStoreContract(dialect, async () => {
    const db = await openDatabase();
    const store = new SqlEventStore(db);
    return { store, close: async () => (await store.close(), await db.close()) };
  });

  describe(`sql event store: ${dialect}`, () => {
    let db: SqlDatabase;
    let store: SqlEventStore;

    beforeEach(async () => {
      db = await openDatabase();
      store = new SqlEventStore(db);
    });
    afterEach(async () => {
      await store.close();
      await db.close();
    });

    it('never lets a follower skip an event when 16 writers commit out of order after random pauses', async () => {
      const from = (await store.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const follower = store.subscribe(async (batch) => void seen.push(...batch), { fromPosition: from, pollIntervalMs: 5, batchSize: 7 });
      const committed: string[] = [];
      await Promise.all(
        Array.from({ length: 16 }, async (_, writer) => {
          for (let round = 0; round < 8; round++) {
            const batch = events(1 + ((writer + round) % 3));
            await db.write(async (tx) => {
              await sleep(Math.random() * 4);
              await store.appendWithin(tx, `writer-${writer}-${randomUUID()}`, batch, 'no_stream');
              await sleep(Math.random() * 8);
            });
            committed.push(...batch.map((e) => e.id));
          }
        }),
      );
      await waitFor(() => seen.length >= committed.length);
      await sleep(50);
      await follower.stop();

      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(seen.map((e) => e.id))).toEqual(new Set(committed));
      expect(seen).toHaveLength(committed.length);
    });

    it('stores nothing when the caller’s transaction rolls back', async () => {
      const s = `shop-${randomUUID()}`;
      await expect(
        db.write(async (tx) => {
          await store.appendWithin(tx, s, events(2), 'no_stream');
          throw new Error('outbox write failed');
        }),
      ).rejects.toThrow('outbox write failed');
      expect(await store.readStream(s)).toEqual([]);
    });

    it('appends several streams in the caller’s transaction: all of them, or none when one of them moved', async () => {
      const [a, b, c] = [`shop-${randomUUID()}`, `shop-${randomUUID()}`, `shop-${randomUUID()}`];
      const results = await db.write((tx) => store.appendAllWithin(tx, [{ stream: a, events: events(2), expected: 'no_stream' }, { stream: b, events: events(1), expected: 'no_stream' }]));
      expect(results.map((r) => r.nextVersion)).toEqual([2, 1]);
      await expect(
        db.write((tx) => store.appendAllWithin(tx, [{ stream: c, events: events(1), expected: 'no_stream' }, { stream: b, events: events(1), expected: 0 }])),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(a)).map((e) => e.version)).toEqual([1, 2]);
      expect((await store.readStream(b)).map((e) => e.version)).toEqual([1]);
      expect(await store.readStream(c)).toEqual([]);
    });

    it('finishes the appends it accepted before it closes', async () => {
      const s = `shop-${randomUUID()}`;
      const pending = Array.from({ length: 20 }, () => store.append(s, events(5), 'any'));
      await store.close();
      await Promise.all(pending);
      expect(await store.readStream(s)).toHaveLength(100);
    });
  });
}
