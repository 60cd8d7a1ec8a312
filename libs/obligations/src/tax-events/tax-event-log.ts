import { Injectable } from '@nestjs/common';
import { SqlDatabase, SqlEventStore, StoredEvent } from '@registry/event-store';
import { TAX_OFFICE_EVENT_TYPES, TaxOfficeEvent } from '../domain';

export interface TaxEventsPage {
  readonly events: readonly (StoredEvent & TaxOfficeEvent)[];
  /** Every event up to this position has been looked at: the cursor (feed) or checkpoint (relay) to go on from. */
  readonly scannedTo: number;
}

const TYPES = TAX_OFFICE_EVENT_TYPES.map((_, i) => `$${i + 4}`).join(', ');

/**
 * The tax-office events of the log, in position order, read by type: the positions are found by
 * a plain SQL scan, and only those events are read and decrypted. The rest of the log (shops,
 * claims with their personal data) is never decoded for the relay or the feed.
 */
@Injectable()
export class TaxEventLog {
  constructor(
    private readonly store: SqlEventStore,
    private readonly db: SqlDatabase,
  ) {}

  head(): Promise<number> {
    return this.store.headPosition();
  }

  async after(after: number, limit: number): Promise<TaxEventsPage> {
    // Positions follow commit order, so everything up to the head read first is there to scan.
    const head = await this.store.headPosition();
    if (head <= after) return { events: [], scannedTo: after };
    const rows = await this.db.reader.rows<{ position: number | string }>(
      `SELECT position FROM events WHERE position > $1 AND position <= $2 AND type IN (${TYPES}) ORDER BY position LIMIT $3`,
      [after, head, limit, ...TAX_OFFICE_EVENT_TYPES],
    );
    const positions = rows.map((r) => Number(r.position));
    const events = positions.length > 0 ? ((await this.store.readPositions(positions)) as (StoredEvent & TaxOfficeEvent)[]) : [];
    return { events, scannedTo: positions.length === limit ? positions[positions.length - 1] : head };
  }
}
