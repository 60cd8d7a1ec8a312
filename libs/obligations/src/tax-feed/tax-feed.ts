import { Inject, Injectable } from '@nestjs/common';
import { REGISTRY_CONFIG, RegistryConfig } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { TaxCloudEvent, toTaxFeedItem } from '../tax-events/tax-cloud-event';
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
  constructor(
    private readonly log: TaxEventLog,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async page(after: number, limit: number): Promise<TaxFeedPage> {
    // A cursor this registry never handed out (another deployment's, or a restored older database)
    // would otherwise read as "caught up" and hide every event until the log grew past it.
    const head = await this.log.head();
    if (after > head) throw DomainError.invalid('after', `is beyond the end of the log (position ${head})`);
    const { events, scannedTo } = await this.log.after(after, limit);
    return { items: events.map((event) => toTaxFeedItem(event, this.config.publicUrl)), next: scannedTo };
  }
}
