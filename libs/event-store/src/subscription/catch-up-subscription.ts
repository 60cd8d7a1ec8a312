import { performance } from 'node:perf_hooks';
import { StoredEvent } from '../envelope';
import { BatchHandler, SubscribeOptions, Subscription } from '../event-store.port';
import { AppendSignal } from './append-signal';
import { nextTurn } from './next-turn';
import { Pause } from './pause';

type ReadAll = (fromPosition: number, limit: number) => Promise<StoredEvent[]>;

/**
 * Reads batches from a position; when the log is exhausted (an empty or a short batch), waits
 * for an append in this process or the poll interval (appends from other processes), then
 * reads again. Appends noticed while a batch was read or handled skip the wait; with `gatherMs`,
 * they are read after a rest as long as that batch took (see SubscribeOptions), not at once.
 * The handler's promise is awaited before the next batch, so delivery is ordered and
 * an error stops nothing but that batch, which is retried after a pause. After a full batch the
 * next one is read while the handler runs; it is used only if the handler goes on from there.
 */
export function catchUpSubscription(readAll: ReadAll, signal: AppendSignal, handler: BatchHandler, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? 1000;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const gatherMs = options.gatherMs ?? 0;
  let next = options.fromPosition;
  let running = true;
  const pause = new Pause();
  let appendsSeen = 0;
  const counting = signal.onAppend(() => {
    appendsSeen++;
    pause.appended();
  });

  /** The batch after a full one, read while the handler works on that one, with the appends seen when its read began. */
  let ahead: { from: number; seen: number; batch: Promise<StoredEvent[]> } | undefined;

  const loop = (async () => {
    while (running) {
      try {
        const early = ahead?.from === next ? ahead : undefined;
        ahead = undefined;
        const seenBefore = early?.seen ?? appendsSeen;
        const started = performance.now();
        const batch = await (early?.batch ?? readAll(next, batchSize));
        if (!running) return;
        if (batch.length === batchSize) {
          // More is likely waiting: reading it while this batch is handled takes the read off the
          // handler's path. A read made earlier than needed is still a consistent one.
          const from = batch[batch.length - 1].position + 1;
          ahead = { from, seen: appendsSeen, batch: readAll(from, batchSize) };
          ahead.batch.catch(() => undefined);
        }
        const redirect = batch.length > 0 ? await handler(batch) : undefined;
        const after = batch.length > 0 ? batch[batch.length - 1].position + 1 : next;
        next = redirect ? redirect.continueFrom : after;
        const exhausted = !redirect && batch.length < batchSize;
        // A handler that says to go on right after the batch (the processor always says where) is read
        // again at once, appends seen or not (another process's are not signalled here); with them, it
        // gathers as any other.
        const short = (!redirect || redirect.continueFrom === after) && batch.length > 0 && batch.length < batchSize;
        if (exhausted && appendsSeen === seenBefore && running) await pause.for(pollIntervalMs, { endsOnAppend: true });
        else if (short && appendsSeen !== seenBefore && gatherMs > 0 && running)
          await pause.for(Math.min(gatherMs, performance.now() - started), { endsOnAppend: false });
        // Going straight on: on an embedded store every read and write resolves at once, so without
        // a turn of the event loop a long catch-up (a restart behind millions of events) would hold
        // every request, the health checks' included, until it was done.
        else await nextTurn();
      } catch (error) {
        options.onError?.(error);
        if (running) await pause.for(Math.max(pollIntervalMs, 500), { endsOnAppend: true });
      }
    }
  })();

  return {
    async stop() {
      running = false;
      pause.interrupt();
      await loop;
      counting();
    },
  };
}
