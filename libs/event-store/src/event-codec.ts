import { NewEvent, StoredEvent } from './envelope';
import { Sql } from './sql/sql';

export interface StreamEvents {
  readonly stream: string;
  readonly events: readonly NewEvent[];
}

/**
 * Turns events into what is stored and back, inside the append transaction: the personal-data
 * codec encrypts personal fields here, and creates their data keys atomically with the events.
 */
export interface EventCodec {
  encode(tx: Sql, batch: readonly StreamEvents[]): Promise<StreamEvents[]>;
  decode(events: StoredEvent[]): Promise<StoredEvent[]>;
}

export const plainEvents: EventCodec = {
  encode: async (_tx, batch) => [...batch],
  decode: async (events) => events,
};
