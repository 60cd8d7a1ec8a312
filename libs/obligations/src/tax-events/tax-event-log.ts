import { Injectable } from '@nestjs/common';
import { EventStore, StoredEvent } from '@registry/event-store';
import { TAX_OFFICE_EVENT_TYPES, TaxOfficeEvent } from '../domain';
import { isTaxOfficeEvent } from './tax-cloud-event';

export interface TaxEventsPage {
  readonly events: readonly (StoredEvent & TaxOfficeEvent)[];
  /** Every event up to this position has been looked at: the cursor (feed) or checkpoint (relay) to go on from. */
  readonly scannedTo: number;
}

/**
 * The tax-office events of the log, in position order, read by type: the rest of the log (shops,
 * claims with their personal data) is never decoded for the relay or the feed.
 */
@Injectable()
export class TaxEventLog {
  constructor(private readonly store: EventStore) {}

  head(): Promise<number> {
    return this.store.headPosition();
  }

  async after(after: number, limit: number): Promise<TaxEventsPage> {
    // Positions follow commit order, so everything up to the head read first is there to scan.
    const page = await this.store.readTypesAfter(TAX_OFFICE_EVENT_TYPES, after, await this.store.headPosition(), limit);
    return { events: page.events.filter(isTaxOfficeEvent), scannedTo: page.scannedTo };
  }
}
