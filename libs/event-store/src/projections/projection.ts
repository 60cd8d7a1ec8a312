import { StoredEvent } from '../envelope';
import { Sql } from '../sql/sql';
import { SqlDatabase } from '../sql/sql-database';

/**
 * A named read model built from the events, with a checkpoint of its own: the processor's
 * follower that writes (its other kind, a Reactor, has a side effect). `kind` may be left out.
 */
export interface Projection {
  readonly kind?: 'projection';
  readonly name: string;
  /**
   * True when `apply` reads no table another projection writes and no other projection's `apply`
   * reads this one's tables. On PostgreSQL the processor then applies its batches in a transaction
   * of its own (with its checkpoint, as always), beside the one the others share, on another
   * connection: their statements overlap instead of adding up. Otherwise it shares that transaction,
   * in the order of registration, and sees what the projections before it wrote.
   */
  readonly standsAlone?: boolean;
  /**
   * False when `apply` reads nothing of its batch but that it came (a read model that follows
   * another one's tables): a catch-up, and so a rebuild, then moves it to the head in one batch of
   * no events instead of reading (and decrypting) every event on the way.
   */
  readonly readsEvents?: boolean;
  /** Applies one batch, in the transaction that also moves the checkpoint past it. */
  apply(events: readonly StoredEvent[], tx: Sql): Promise<void>;
  /** Removes everything the projection built, before a rebuild from position 0. */
  reset(tx: Sql): Promise<void>;
  /**
   * Work the projection does past the last event, in transactions of its own (a read model built in
   * slices): a catch-up, and so a rebuild, ends when it is done.
   */
  settle?(db: SqlDatabase): Promise<void>;
}
