import { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from './envelope';
import { Sql } from './sql/sql';

export interface Subscription {
  stop(): Promise<void>;
}

/** A handler may say where to go on (a projection whose checkpoint another worker moved). */
export type BatchHandler = (events: StoredEvent[]) => Promise<void | { readonly continueFrom: number }>;

export interface SubscribeOptions {
  /** First position to deliver (inclusive). */
  readonly fromPosition: number;
  readonly batchSize?: number;
  /** Upper bound on the wait between polls when no append was noticed in this process. */
  readonly pollIntervalMs?: number;
  /**
   * Upper bound on a rest after a batch that was not full while events kept coming: the handler
   * rests as long as the batch took (no longer than this) before the next read, so that under a
   * steady trickle its batches grow and what it pays per batch is paid for more events. Default 0.
   */
  readonly gatherMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** One stream's part of an append that spans several streams. */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
}

/** A page of a filtered read: the events found, and how far the log was looked at to find them. */
export interface TypesPage {
  readonly events: StoredEvent[];
  readonly scannedTo: number;
}

/**
 * The event store port. Contexts, use cases and projections depend on this and nothing else;
 * only an adapter touches the tables. The SQL adapter (SQLite and PostgreSQL) is the one there
 * is; a KurrentDB adapter (the design's `eventstore-client`) is the next, and the contract suite
 * (`describeEventStoreContract` in `./testing`) is the whole of what it must do.
 */
export abstract class EventStore {
  /**
   * Appends atomically. An append whose event ids are all stored already (a client retry)
   * stores nothing and returns the stored result.
   */
  abstract append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;

  /**
   * Several streams in one transaction: all of them, or, when one of them is not at its expected
   * version, a ConcurrencyError and none. Results in the order of the requests.
   */
  abstract appendAll(appends: readonly AppendRequest[]): Promise<AppendResult[]>;

  /**
   * Several streams inside a transaction the caller owns on the database of the read models, so
   * the events commit together with the caller's other writes (a checkpoint, a read model, a
   * destroyed key) or not at all. An adapter whose log lives elsewhere writes them to an outbox
   * in that transaction. On a mismatch it throws a ConcurrencyError; the caller rolls back.
   */
  abstract appendAllWithin(tx: Sql, appends: readonly AppendRequest[]): Promise<AppendResult[]>;

  /** Events of one stream from a version (inclusive, 1-based). */
  abstract readStream(stream: string, fromVersion?: number): Promise<StoredEvent[]>;

  /**
   * The events of several streams after the version given for each (0: all of them), in
   * position order: many folded states brought up to date in one read.
   */
  abstract readStreamsAfter(versions: ReadonlyMap<string, number>): Promise<StoredEvent[]>;

  /** Events of all streams from a position (inclusive), in position order. */
  abstract readAll(fromPosition: number, limit: number): Promise<StoredEvent[]>;

  /** The events at these positions, in position order; positions that hold none are skipped. */
  abstract readPositions(positions: readonly number[]): Promise<StoredEvent[]>;

  /**
   * The events of some types after `after` and up to `upTo`, in position order, at most `limit`.
   * `scannedTo` is how far the log has been looked at: the last event's position when the page
   * is full, else `upTo`. Events of other types are never decoded.
   */
  abstract readTypesAfter(types: readonly string[], after: number, upTo: number, limit: number): Promise<TypesPage>;

  /** The highest position a reader can see now (0 when empty). */
  abstract headPosition(): Promise<number>;

  /** The position of the last event recorded at or before `time` (ISO; 0 if none): what a read "as of" that time reflects. */
  abstract positionAt(time: string): Promise<number>;

  /** Catches up from a position, then follows new events, one batch at a time, in order. */
  abstract subscribe(handler: BatchHandler, options: SubscribeOptions): Subscription;

  /** Finishes the appends already accepted, then returns. */
  abstract close(): Promise<void>;
}
