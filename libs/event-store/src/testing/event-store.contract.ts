import { randomUUID } from 'node:crypto';
import { StoredEvent } from '../envelope';
import { ConcurrencyError, EventIdConflictError } from '../errors';
import { EventStore } from '../event-store.port';
import { Sql } from '../sql/sql';
import { anEvent, events, sleep } from './event-fixtures';

export interface ContractSubject {
  readonly store: EventStore;
  /** Runs `work` in a transaction on the database of the read models (what `appendAllWithin` joins). */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The behaviour every event store adapter must have, method by method; run once per adapter. */
export function describeEventStoreContract(adapter: string, open: () => Promise<ContractSubject>): void {
  describe(`event store contract: ${adapter}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const stream = () => `shop-${randomUUID()}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.close());

    /** Appends one stream after another, so their events' positions interleave. */
    const interleave = async (appends: ReadonlyArray<[string, number]>) => {
      for (const [s, count] of appends) await store.append(s, events(count), 'any');
    };

    it('appends to a new stream and reports its version and global positions', async () => {
      const s = stream();
      const result = await store.append(s, events(3), 'no_stream');
      expect(result.nextVersion).toBe(3);
      expect(result.positions).toHaveLength(3);
      expect([...result.positions].sort((a, b) => a - b)).toEqual(result.positions);
      const stored = await store.readStream(s);
      expect(stored.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(stored.map((e) => e.position)).toEqual(result.positions);
    });

    it('keeps the whole envelope: id, type, schema version, data, metadata and recorded time', async () => {
      const s = stream();
      const event = { ...anEvent('ShopRegistered', { name: 'Tiệm Bà Ba', count: 2, nested: { ok: true } }), schemaVersion: 2 };
      const before = Date.now();
      await store.append(s, [event], 'no_stream');
      const [stored] = await store.readStream(s);
      expect(stored).toMatchObject({ id: event.id, stream: s, version: 1, type: 'ShopRegistered', schemaVersion: 2 });
      expect(stored.data).toEqual(event.data);
      expect(stored.metadata).toEqual(event.metadata);
      expect(Date.parse(stored.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('refuses "no stream" when the stream exists, naming the actual version', async () => {
      const s = stream();
      await store.append(s, events(2), 'no_stream');
      await expect(store.append(s, events(1), 'no_stream')).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 2 });
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('appends at the exact expected version and refuses any other', async () => {
      const s = stream();
      await store.append(s, events(1), 'no_stream');
      await expect(store.append(s, events(1), 1)).resolves.toMatchObject({ nextVersion: 2 });
      const stale = store.append(s, events(1), 1);
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(s, events(1), 5)).rejects.toMatchObject({ expected: 5, actual: 2 });
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('appends with "any" whatever the version', async () => {
      const s = stream();
      await store.append(s, events(1), 'any');
      await expect(store.append(s, events(2), 'any')).resolves.toMatchObject({ nextVersion: 3 });
    });

    it('stores nothing new when a client retries an append, and answers as the first time', async () => {
      const s = stream();
      const batch = events(2);
      const first = await store.append(s, batch, 'no_stream');
      const retry = await store.append(s, batch, 'no_stream');
      expect(retry).toEqual(first);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('answers a retry that arrives while the first attempt is still under way', async () => {
      const s = stream();
      const batch = events(2);
      const [a, b] = await Promise.all([store.append(s, batch, 'no_stream'), store.append(s, batch, 'no_stream')]);
      expect(b).toEqual(a);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('refuses an event id already stored in another stream', async () => {
      const event = anEvent();
      await store.append(stream(), [event], 'no_stream');
      await expect(store.append(stream(), [event], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
    });

    it('refuses an append that repeats only some stored ids, storing none of it', async () => {
      const s = stream();
      const [first, second] = events(2);
      await store.append(s, [first], 'no_stream');
      await expect(store.append(s, [first, second], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('lets exactly one of two writers at the same expected version win', async () => {
      const s = stream();
      await store.append(s, events(1), 'no_stream');
      const results = await Promise.allSettled([store.append(s, events(1), 1), store.append(s, events(1), 1)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(1);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('reads one stream from a version', async () => {
      const s = stream();
      await store.append(s, events(5), 'no_stream');
      expect((await store.readStream(s, 4)).map((e) => e.version)).toEqual([4, 5]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads many streams asked for at once, each with its own events from its own version', async () => {
      const streams = Array.from({ length: 30 }, () => stream());
      for (const [i, s] of streams.entries()) if (i % 3 > 0) await store.append(s, events(i % 3), 'no_stream');

      const read = await Promise.all(streams.map((s, i) => store.readStream(s, i % 2 === 0 ? 1 : 2)));

      expect(read.map((stored) => stored.map((e) => `${e.stream}@${e.version}`))).toEqual(
        streams.map((s, i) =>
          Array.from({ length: i % 3 }, (_, v) => v + 1)
            .filter((v) => v >= (i % 2 === 0 ? 1 : 2))
            .map((v) => `${s}@${v}`),
        ),
      );
    });

    it('reads all streams from a position, in position order, a page at a time', async () => {
      const start = (await store.headPosition()) + 1;
      const a = await store.append(stream(), events(3), 'no_stream');
      const b = await store.append(stream(), events(3), 'no_stream');
      const page = await store.readAll(start, 4);
      expect(page.map((e) => e.position)).toEqual([...a.positions, b.positions[0]]);
      const rest = await store.readAll(page[3].position + 1, 100);
      expect(rest.map((e) => e.position)).toEqual(b.positions.slice(1));
      expect(await store.headPosition()).toBe(b.positions[2]);
    });

    it('appends several streams in one transaction: all of them, or none when one of them moved', async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      const results = await store.appendAll([
        { stream: a, events: events(2), expected: 'no_stream' },
        { stream: b, events: events(1), expected: 'no_stream' },
      ]);
      expect(results.map((r) => r.nextVersion)).toEqual([2, 1]);
      expect((await store.readPositions(results.flatMap((r) => r.positions))).map((e) => e.stream)).toEqual([a, a, b]);
      await expect(
        store.appendAll([
          { stream: c, events: events(1), expected: 'no_stream' },
          { stream: b, events: events(1), expected: 0 },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(b)).map((e) => e.version)).toEqual([1]);
      expect(await store.readStream(c)).toEqual([]);
    });

    it('wakes a subscriber for events appended to several streams at once', async () => {
      const from = (await store.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const subscription = store.subscribe(async (batch) => void seen.push(...batch), { fromPosition: from, pollIntervalMs: 60_000 });
      // The subscriber has read nothing yet and waits: only the append's signal can wake it within the test.
      await sleep(50);
      const [result] = await store.appendAll([{ stream: stream(), events: events(2), expected: 'no_stream' }]);
      await waitFor(() => seen.length >= 2);
      await subscription.stop();
      expect(seen.map((e) => e.position)).toEqual(result.positions);
    });

    it('appends several streams in the caller’s transaction: all of them, or none when one of them moved', async () => {
      const [a, b, c] = [stream(), stream(), stream()];
      const results = await subject.transaction((tx) =>
        store.appendAllWithin(tx, [
          { stream: a, events: events(2), expected: 'no_stream' },
          { stream: b, events: events(1), expected: 'no_stream' },
        ]),
      );
      expect(results.map((r) => r.nextVersion)).toEqual([2, 1]);
      await expect(
        subject.transaction((tx) =>
          store.appendAllWithin(tx, [
            { stream: c, events: events(1), expected: 'no_stream' },
            { stream: b, events: events(1), expected: 0 },
          ]),
        ),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(a)).map((e) => e.version)).toEqual([1, 2]);
      expect((await store.readStream(b)).map((e) => e.version)).toEqual([1]);
      expect(await store.readStream(c)).toEqual([]);
    });

    it('stores nothing when the caller’s transaction rolls back', async () => {
      const s = stream();
      await expect(
        subject.transaction(async (tx) => {
          await store.appendAllWithin(tx, [{ stream: s, events: events(2), expected: 'no_stream' }]);
          throw new Error('outbox write failed');
        }),
      ).rejects.toThrow('outbox write failed');
      expect(await store.readStream(s)).toEqual([]);
    });

    it('never lets a follower skip an event when 16 writers commit their own transactions out of order after random pauses', async () => {
      const from = (await store.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const follower = store.subscribe(async (batch) => void seen.push(...batch), { fromPosition: from, pollIntervalMs: 5, batchSize: 7 });
      const committed: string[] = [];
      await Promise.all(
        Array.from({ length: 16 }, async (_, writer) => {
          for (let round = 0; round < 8; round++) {
            const batch = events(1 + ((writer + round) % 3));
            await subject.transaction(async (tx) => {
              await sleep(Math.random() * 4);
              await store.appendAllWithin(tx, [{ stream: `writer-${writer}-${randomUUID()}`, events: batch, expected: 'no_stream' }]);
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

    it('reads several streams after the version known of each, in position order', async () => {
      const [a, b, untouched] = [stream(), stream(), stream()];
      await interleave([
        [a, 1],
        [b, 1],
        [a, 2],
        [b, 1],
      ]);
      const read = await store.readStreamsAfter(
        new Map([
          [a, 1],
          [b, 0],
          [untouched, 0],
        ]),
      );
      expect(read.map((e) => [e.stream, e.version])).toEqual([
        [b, 1],
        [a, 2],
        [a, 3],
        [b, 2],
      ]);
      expect(read.map((e) => e.position)).toEqual([...read.map((e) => e.position)].sort((x, y) => x - y));
      expect(await store.readStreamsAfter(new Map([[a, 3]]))).toEqual([]);
    });

    it('reads the events at given positions in position order, once each, skipping positions that hold none', async () => {
      const s = stream();
      const { positions } = await store.append(s, events(4), 'no_stream');
      const beyond = (await store.headPosition()) + 1000;
      const read = await store.readPositions([positions[3], positions[1], beyond, positions[1]]);
      expect(read.map((e) => [e.stream, e.version])).toEqual([
        [s, 2],
        [s, 4],
      ]);
      expect(read[0].data).toEqual({ n: 1 });
    });

    it('reads events of some types after a position, a page at a time, telling how far it looked', async () => {
      const after = await store.headPosition();
      const s = stream();
      const appended = [...events(1, 'Wanted'), ...events(1, 'Other'), ...events(1, 'Wanted'), ...events(1, 'AlsoWanted'), ...events(1, 'Other')];
      const { positions } = await store.append(s, appended, 'no_stream');
      const head = await store.headPosition();
      const first = await store.readTypesAfter(['Wanted', 'AlsoWanted'], after, head, 2);
      expect(first.events.map((e) => e.position)).toEqual([positions[0], positions[2]]);
      expect(first.scannedTo).toBe(positions[2]);
      const second = await store.readTypesAfter(['Wanted', 'AlsoWanted'], first.scannedTo, head, 2);
      expect(second.events.map((e) => e.type)).toEqual(['AlsoWanted']);
      expect(second.scannedTo).toBe(head);
      expect(await store.readTypesAfter(['Wanted'], after, positions[1], 10)).toMatchObject({ scannedTo: positions[1] });
      expect(await store.readTypesAfter(['Wanted'], head, head, 10)).toEqual({ events: [], scannedTo: head });
    });

    it('tells the position of the last event recorded at or before a time', async () => {
      const s = stream();
      const first = await store.append(s, events(1), 'no_stream');
      await sleep(20);
      const second = await store.append(s, events(1), 1);
      const [a, b] = await store.readStream(s);
      expect(await store.positionAt(a.recordedAt)).toBe(first.positions[0]);
      expect(await store.positionAt(b.recordedAt)).toBe(second.positions[0]);
      expect(await store.positionAt('2000-01-01T00:00:00.000Z')).toBe(0);
      expect(await store.positionAt(new Date(Date.now() + 60_000).toISOString())).toBe(await store.headPosition());
    });

    it('tells the last position at or before each time among many appends, of one event or many', async () => {
      const appended: { recordedAt: string; last: number }[] = [];
      for (const count of [1, 7, 2, 30, 1, 4, 12, 3]) {
        const { positions } = await store.append(stream(), events(count), 'no_stream');
        const [first] = await store.readPositions([positions[0]]);
        appended.push({ recordedAt: first.recordedAt, last: positions[positions.length - 1] });
        await sleep(3);
      }
      for (const { recordedAt, last } of appended) expect(await store.positionAt(recordedAt)).toBe(last);
      const justBefore = (time: string) => new Date(Date.parse(time) - 1).toISOString();
      for (let i = 1; i < appended.length; i++) expect(await store.positionAt(justBefore(appended[i].recordedAt))).toBe(appended[i - 1].last);
    });

    it('finishes the appends it accepted before it closes', async () => {
      const s = stream();
      const pending = Array.from({ length: 20 }, () => store.append(s, events(5), 'any'));
      await store.close();
      await Promise.all(pending);
      expect(await store.readStream(s)).toHaveLength(100);
    });

    // A subscriber that rests after each short batch to gather more (gatherMs) must lose nothing
    // either; its handler takes a while, as a projection's does, so that it rests between batches.
    it.each([
      ['reads again at once', 0],
      ['rests to gather', 30],
    ])('gives 16 concurrent writers a gap-free view: a subscriber that %s sees every event once, in order', async (_, gatherMs) => {
      const from = (await store.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const handle = async (batch: StoredEvent[]) => {
        if (gatherMs > 0) await sleep(5);
        seen.push(...batch);
      };
      const subscription = store.subscribe(handle, { fromPosition: from, pollIntervalMs: 20, gatherMs });
      const appended: number[] = [];
      await Promise.all(
        Array.from({ length: 16 }, async (_, writer) => {
          for (let i = 0; i < 10; i++) {
            const result = await store.append(`writer-${writer}-${randomUUID()}`, events(1 + (i % 3)), 'no_stream');
            appended.push(...result.positions);
            await sleep(Math.random() * 5);
          }
        }),
      );
      await waitFor(() => seen.length >= appended.length);
      await subscription.stop();
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...appended].sort((a, b) => a - b));
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    });

    it('commits many batches queued at once, a stream’s chained appends among them, in order and gap-free for a follower', async () => {
      const from = (await store.headPosition()) + 1;
      const seen: StoredEvent[] = [];
      const subscription = store.subscribe(async (batch) => void seen.push(...batch), { fromPosition: from, pollIntervalMs: 10 });
      // The writers' first batches queue first, then a stream's chained appends: on PostgreSQL
      // the queue is split into two transactions, the chain straddling where it is split.
      const writers = Array.from({ length: 16 }, async (_, writer) => {
        const positions: number[] = [];
        for (let round = 0; round < 3; round++) positions.push(...(await store.append(`writer-${writer}-${randomUUID()}`, events(20), 'no_stream')).positions);
        return positions;
      });
      const chained = stream();
      const chain = Array.from({ length: 8 }, (_, i) => store.append(chained, events(60), i === 0 ? 'no_stream' : i * 60));
      const results = await Promise.all(chain);
      const appended = [...results.flatMap((r) => r.positions), ...(await Promise.all(writers)).flat()];

      expect(results.map((r) => r.nextVersion)).toEqual(Array.from({ length: 8 }, (_, i) => (i + 1) * 60));
      const chainedEvents = await store.readStream(chained);
      expect(chainedEvents.map((e) => e.version)).toEqual(Array.from({ length: 480 }, (_, i) => i + 1));
      const chainedPositions = chainedEvents.map((e) => e.position);
      expect(chainedPositions).toEqual([...chainedPositions].sort((a, b) => a - b));
      await waitFor(() => seen.length >= appended.length);
      await subscription.stop();
      expect(seen.map((e) => e.position)).toEqual([...appended].sort((a, b) => a - b));
    });

    it('leaves the event loop a turn between the batches of a catch-up', async () => {
      const s = stream();
      const appended = await store.append(s, events(6), 'no_stream');
      const order: string[] = [];
      let batches = 0;
      const subscription = store.subscribe(
        async (batch) => {
          if (batches++ === 0) setImmediate(() => order.push('turn'));
          order.push(`batch ${batch[0].position}`);
        },
        { fromPosition: appended.positions[0], batchSize: 2, pollIntervalMs: 20 },
      );
      await waitFor(() => batches >= 3);
      await subscription.stop();
      // Something waiting for the event loop ran after the first batch, before the second.
      expect(order.slice(0, 3)).toEqual([`batch ${appended.positions[0]}`, 'turn', `batch ${appended.positions[2]}`]);
    });

    it('catches a subscriber up from a position, then follows new events', async () => {
      const s = stream();
      const first = await store.append(s, events(3), 'no_stream');
      const seen: StoredEvent[] = [];
      const subscription = store.subscribe(async (batch) => void seen.push(...batch), {
        fromPosition: first.positions[1],
        pollIntervalMs: 20,
      });
      await waitFor(() => seen.length >= 2);
      const second = await store.append(s, events(2), 3);
      await waitFor(() => seen.length >= 4);
      await subscription.stop();
      expect(seen.map((e) => e.position)).toEqual([...first.positions.slice(1), ...second.positions]);
    });
  });
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
