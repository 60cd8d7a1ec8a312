import { Backoff, BatchReactor, EventBatch, EventPage, ReactorPosition, SqlDatabase, StoredEvent } from '@registry/event-store';
import { TaxOfficeEvent } from '../domain';
import { toTaxKafkaMessage } from '../tax-events/tax-cloud-event';
import { TaxEventLog } from '../tax-events/tax-event-log';
import { MessagePublisher, OutboundMessage } from './message-broker';

export interface RelayHooks {
  /**
   * After the broker acknowledged a batch and before the relay marks its progress: the window
   * where a crash republishes the batch. A fault point for tests; production passes none.
   */
  afterAcknowledged?(batch: { readonly from: number; readonly to: number; readonly published: number }): Promise<void> | void;
}

export interface TaxEventRelayOptions {
  /** The checkpoint's name in projection_checkpoints. */
  readonly name: string;
  readonly topicPrefix: string;
  /** The registry's public URL: where the `dataschema` of each event points. */
  readonly publicUrl: string;
  /** Tax-office events per batch: one read, one publish, one checkpoint move. */
  readonly batchSize: number;
  /** Upper bound on the wait for new events when no append was noticed in this process. */
  readonly pollIntervalMs?: number;
  readonly backoff?: Backoff;
  readonly hooks?: RelayHooks;
  /** Events the broker acknowledged, per batch (a counter). */
  readonly onPublished?: (count: number) => void;
  /** Shown with its status in /health/ready. */
  readonly details?: Readonly<Record<string, unknown>>;
}

type TaxOfficeStoredEvent = StoredEvent & TaxOfficeEvent;

/**
 * The transactional outbox, with the event log as the outbox: an obligation event and "its outbox
 * entry" are the same row, committed in the append, so neither exists without the other. A reactor
 * of the processor: it reads the tax-office events from its checkpoint, publishes a batch in
 * position order, waits for the broker's acknowledgement from all in-sync replicas, and only then
 * is its checkpoint moved (compare-and-set). A crash between the two republishes the batch: at
 * least once, with the event id as CloudEvents id, so consumers drop the duplicates. While the
 * broker is down the processor retries the same batch with exponential backoff, so nothing is
 * skipped and order holds; each retry starts with a fresh producer.
 */
export class TaxEventRelay extends BatchReactor<TaxOfficeStoredEvent> {
  readonly pollIntervalMs: number | undefined;
  readonly backoff: Backoff | undefined;
  private connected = false;
  private published = 0;
  private lastPublishedAt: string | null = null;

  constructor(
    private readonly log: TaxEventLog,
    db: SqlDatabase,
    private readonly publisher: MessagePublisher,
    private readonly options: TaxEventRelayOptions,
  ) {
    super(options.name, db, options.batchSize);
    this.pollIntervalMs = options.pollIntervalMs;
    this.backoff = options.backoff;
  }

  override async position(): Promise<ReactorPosition> {
    const { checkpoint, head } = await super.position();
    return { checkpoint, head, details: { ...this.options.details, published: this.published, lastPublishedAt: this.lastPublishedAt } };
  }

  override async pass(): Promise<{ more: boolean }> {
    if (!this.connected) {
      await this.publisher.connect();
      this.connected = true;
    }
    return super.pass();
  }

  override async recover(): Promise<void> {
    await super.recover();
    await this.disconnect();
  }

  release(): Promise<void> {
    return this.disconnect();
  }

  abort(): void {
    // A publish to a broker that is down can take seconds of kafkajs retries: cut it short.
    void this.publisher.disconnect().catch(() => undefined);
  }

  protected read(after: number, limit: number): Promise<EventPage<TaxOfficeStoredEvent>> {
    return this.log.after(after, limit);
  }

  protected head(): Promise<number> {
    return this.log.head();
  }

  protected async handle({ events, from, scannedTo }: EventBatch<TaxOfficeStoredEvent>): Promise<void> {
    const messages = events.map((event): OutboundMessage => toTaxKafkaMessage(event, this.options.publicUrl, this.options.topicPrefix));
    if (messages.length > 0) {
      await this.publisher.publish(messages);
      this.published += messages.length;
      this.lastPublishedAt = new Date().toISOString();
      this.options.onPublished?.(messages.length);
    }
    await this.options.hooks?.afterAcknowledged?.({ from, to: scannedTo, published: messages.length });
  }

  private async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.publisher.disconnect().catch(() => undefined);
  }
}
