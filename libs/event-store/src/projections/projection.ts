import { StoredEvent } from '../envelope';
import { Sql } from '../sql/sql';

/**
 * A named read model built from the events, with a checkpoint of its own: the processor's
 * follower that writes (its other kind, a Reactor, has a side effect). `kind` may be left out.
 */
export interface Projection {
  readonly kind?: 'projection';
  readonly name: string;
  /** Applies one batch, in the transaction that also moves the checkpoint past it. */
  apply(events: readonly StoredEvent[], tx: Sql): Promise<void>;
  /** Removes everything the projection built, before a rebuild from position 0. */
  reset(tx: Sql): Promise<void>;
}
