import { Injectable } from '@nestjs/common';
import { TaxCloudEvent, toTaxCloudEvent } from '../tax-events/tax-cloud-event';
import { TaxEventLog } from '../tax-events/tax-event-log';

export interface TaxFeedPage {
  readonly items: readonly TaxCloudEvent[];
  /** Pass as `after` for the next page. Equal to `after` with no items: the feed is caught up. */
  readonly next: number;
}

/**
 * The tax-office events in log order, as CloudEvents, a page at a time: the same documents Kafka
 * carries, for deployments without it. The cursor is an event store position.
 */
@Injectable()
export class TaxFeed {
  constructor(private readonly log: TaxEventLog) {}

  async page(after: number, limit: number): Promise<TaxFeedPage> {
    const { events, scannedTo } = await this.log.after(after, limit);
    return { items: events.map(toTaxCloudEvent), next: scannedTo };
  }
}
