import { StoredEvent } from '../envelope';
import { SqlDatabase } from '../sql/sql-database';
import { CheckpointMovedError, checkpoints } from './checkpoints';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface ReactorPosition {
  readonly checkpoint: number;
  readonly head: number;
  /** What else an operator reads about it in /health/ready (counts, a second checkpoint). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A follower with a side effect (publish to a broker, append events), where a projection writes a
 * read model. The processor runs its passes: it owns the loop, the wake-up on appends, the retries
 * with backoff, its status and the shutdown. A pass does the effect for what follows the reactor's
 * checkpoint and moves the checkpoint (compare-and-set) only once the effect succeeded: a crash in
 * between repeats the effect (at least once, made harmless downstream by event ids).
 */
export interface Reactor {
  readonly kind: 'reactor';
  /** Its checkpoint's name in projection_checkpoints, and its name in health and metrics. */
  readonly name: string;
  /** Upper bound on the wait for new events when no append was noticed in this process. */
  readonly pollIntervalMs?: number;
  readonly backoff?: Backoff;
  /** Before the first pass: its checkpoint rows. */
  prepare(): Promise<void>;
  /** One pass; `more` when there may be more to do at once (a full batch). A failure is retried after a backoff. */
  pass(): Promise<{ readonly more: boolean }>;
  /** After a failed pass: let go of what may be broken (a producer) so the next pass starts afresh. */
  recover?(): Promise<void>;
  /** After the last pass, at shutdown. */
  release?(): Promise<void>;
  /** The shutdown waited long enough for the pass under way: cut it short (a publish to a broker that is down). */
  abort?(): void;
  position(): Promise<ReactorPosition>;
}

export interface EventPage<E extends StoredEvent> {
  readonly events: readonly E[];
  /** Every event up to this position has been looked at: where the checkpoint moves to. */
  readonly scannedTo: number;
}

export interface EventBatch<E extends StoredEvent> extends EventPage<E> {
  /** The first position of the batch. */
  readonly from: number;
}

/**
 * The reactor that is handed batches of events: reads the page after its checkpoint, hands it to
 * `handle` (the effect), then moves the checkpoint past it. The next page is read while the effect
 * runs on the current one. When another worker (a second projector) moved the checkpoint first, it
 * goes on from there.
 */
export abstract class BatchReactor<E extends StoredEvent> implements Reactor {
  readonly kind = 'reactor' as const;
  protected checkpoint = 0;
  private prefetched: { readonly after: number; readonly page: Promise<EventPage<E>> } | undefined;

  protected constructor(
    readonly name: string,
    protected readonly db: SqlDatabase,
    protected readonly batchSize: number,
  ) {}

  /** The events after `after` it follows, at most `limit`. */
  protected abstract read(after: number, limit: number): Promise<EventPage<E>>;
  /** The effect; resolves once it succeeded. */
  protected abstract handle(batch: EventBatch<E>): Promise<void>;
  protected abstract head(): Promise<number>;

  async prepare(): Promise<void> {
    await this.db.write((tx) => checkpoints.ensure(tx, this.name));
    this.checkpoint = await checkpoints.read(this.db.reader, this.name);
  }

  async pass(): Promise<{ more: boolean }> {
    const page = this.prefetched?.after === this.checkpoint ? await this.prefetched.page : await this.read(this.checkpoint, this.batchSize);
    this.prefetched = undefined;
    const more = page.events.length === this.batchSize;
    if (more) {
      const next = this.read(page.scannedTo, this.batchSize);
      next.catch(() => undefined); // read again after a failure, never reported twice
      this.prefetched = { after: page.scannedTo, page: next };
    }
    if (page.scannedTo > this.checkpoint) await this.relay(page);
    return { more };
  }

  async recover(): Promise<void> {
    this.prefetched = undefined;
  }

  async position(): Promise<ReactorPosition> {
    return { checkpoint: this.checkpoint, head: await this.head() };
  }

  private async relay(page: EventPage<E>): Promise<void> {
    const from = this.checkpoint;
    await this.handle({ ...page, from: from + 1 });
    try {
      await this.db.write((tx) => checkpoints.advance(tx, this.name, from, page.scannedTo));
      this.checkpoint = page.scannedTo;
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
      this.prefetched = undefined;
      this.checkpoint = await checkpoints.read(this.db.reader, this.name);
    }
  }
}
