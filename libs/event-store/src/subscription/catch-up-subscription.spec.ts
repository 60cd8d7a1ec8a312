import { performance } from 'node:perf_hooks';
import { StoredEvent } from '../envelope';
import { AppendSignal } from './append-signal';
import { catchUpSubscription } from './catch-up-subscription';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log the test appends to by hand, and when each read of it was made. */
function handLog() {
  const events: StoredEvent[] = [];
  const reads: { from: number; at: number }[] = [];
  const signal = new AppendSignal();
  return {
    signal,
    reads,
    append() {
      const position = events.length + 1;
      events.push({
        id: `e${position}`,
        stream: 's',
        version: position,
        position,
        type: 'T',
        schemaVersion: 1,
        data: {},
        metadata: {},
        recordedAt: '',
      } as StoredEvent);
      signal.notify(1);
    },
    readAll: async (from: number, limit: number) => {
      reads.push({ from, at: performance.now() });
      return events.filter((e) => e.position >= from).slice(0, limit);
    },
  };
}

/** When the first read after a moment was made. */
const firstReadAfter = (reads: readonly { at: number }[], moment: number) => reads.find((read) => read.at >= moment)?.at ?? Infinity;

/**
 * A handler that, like the projection processor, says where it goes on after each batch, and takes
 * HANDLER_MS a batch (a projection batch that resolves big neighbourhoods again).
 */
const HANDLER_MS = 200;
const handler = (onBatch: (events: StoredEvent[]) => void) => async (events: StoredEvent[]) => {
  onBatch(events);
  await sleep(HANDLER_MS);
  return { continueFrom: events[events.length - 1].position + 1 };
};

describe('a catch-up subscription that rests to gather', () => {
  it('rests after a batch that took long while appends came, though its handler says where it goes on', async () => {
    const log = handLog();
    log.append();
    const batches: number[][] = [];
    const subscription = catchUpSubscription(
      log.readAll,
      log.signal,
      handler((events) => {
        batches.push(events.map((e) => e.position));
        // An append while the batch is handled: more is coming.
        if (batches.length === 1) log.append();
      }),
      { fromPosition: 1, pollIntervalMs: 5_000, gatherMs: 1_000 },
    );
    try {
      await sleep(HANDLER_MS + 60);
      // Rested as long as the batch took: the next read has not come yet.
      expect(log.reads.map((r) => r.from)).toEqual([1]);
      await sleep(HANDLER_MS * 2);
      expect(batches).toEqual([[1], [2]]);
    } finally {
      await subscription.stop();
    }
  });

  it('reads at once when an append ends its wait after a quick batch, and at once without gathering', async () => {
    for (const gatherMs of [1_000, 0]) {
      const log = handLog();
      log.append();
      const subscription = catchUpSubscription(log.readAll, log.signal, async (events) => ({ continueFrom: events[events.length - 1].position + 1 }), {
        fromPosition: 1,
        pollIntervalMs: 5_000,
        gatherMs,
      });
      try {
        await sleep(20);
        const woken = performance.now();
        log.append();
        await sleep(150);
        expect(firstReadAfter(log.reads, woken) - woken).toBeLessThan(100);
      } finally {
        await subscription.stop();
      }
    }
  });
});
