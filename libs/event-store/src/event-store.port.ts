import { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from './envelope';

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
  readonly onError?: (error: unknown) => void;
}

/**
 * The event store port. Domain use cases and projections depend on this and nothing else;
 * only the adapters touch the tables or the KurrentDB client.
 */
export abstract class EventStore {
  /**
   * Appends atomically. An append whose event ids are all stored already (a client retry)
   * stores nothing and returns the stored result.
   */
  abstract append(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;

  /** Events of one stream from a version (inclusive, 1-based). */
  abstract readStream(stream: string, fromVersion?: number): Promise<StoredEvent[]>;

  /** Events of all streams from a position (inclusive), in position order. */
  abstract readAll(fromPosition: number, limit: number): Promise<StoredEvent[]>;

  /** The highest position a reader can see now (0 when empty). */
  abstract headPosition(): Promise<number>;

  /** Catches up from a position, then follows new events, one batch at a time, in order. */
  abstract subscribe(handler: BatchHandler, options: SubscribeOptions): Subscription;

  abstract close(): Promise<void>;
}
