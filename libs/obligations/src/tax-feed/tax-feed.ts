import { Injectable } from '@nestjs/common';
import { EventStore } from '@registry/event-store';
import { TaxCloudEvent, isTaxOfficeEvent, toTaxCloudEvent } from '../tax-events/tax-cloud-event';

export interface TaxFeedPage {
  readonly items: readonly TaxCloudEvent[];
  /** Pass as `after` for the next page. Equal to `after` with no items: the feed is caught up. */
  readonly next: number;
}

/** Events read per step, and at most per request, when the tax events are sparse in the log. */
const STEP = 1000;
const MAX_SCANNED = 20_000;

/**
 * The tax-office events in log order, as CloudEvents, a page at a time: the same documents Kafka
 * carries, for deployments without it. The cursor is an event store position; a page may come
 * back short (even empty) when it stopped scanning, and `next` then still moves on.
 */
@Injectable()
export class TaxFeed {
  constructor(private readonly store: EventStore) {}

  async page(after: number, limit: number): Promise<TaxFeedPage> {
    const items: TaxCloudEvent[] = [];
    let cursor = after;
    let scanned = 0;
    while (items.length < limit && scanned < MAX_SCANNED) {
      const batch = await this.store.readAll(cursor + 1, STEP);
      for (const event of batch) {
        cursor = event.position;
        if (isTaxOfficeEvent(event)) items.push(toTaxCloudEvent(event));
        if (items.length === limit) break;
      }
      scanned += batch.length;
      if (batch.length < STEP) break;
    }
    return { items, next: cursor };
  }
}
