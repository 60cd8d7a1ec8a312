import { AppendSignal, CheckpointMovedError, Pause, SqlDatabase, checkpoints } from '@registry/event-store';
import { toTaxKafkaMessage } from '../tax-events/tax-cloud-event';
import { TaxEventLog, TaxEventsPage } from '../tax-events/tax-event-log';
import { MessagePublisher, OutboundMessage } from './message-broker';

export interface RelayHooks {
  /**
   * After the broker acknowledged a batch and before the relay marks its progress: the window
   * where a crash republishes the batch. A fault point for tests; production passes none.
   */
  afterAcknowledged?(batch: { readonly from: number; readonly to: number; readonly published: number }): Promise<void> | void;
}

export interface RelayObserver {
  published?(count: number): void;
  failed?(error: unknown, consecutive: number): void;
  recovered?(afterFailures: number): void;
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
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly hooks?: RelayHooks;
  readonly observer?: RelayObserver;
}

export interface RelayStatus {
  readonly state: 'stopped' | 'running' | 'retrying';
  readonly checkpoint: number;
  readonly head: number;
  readonly lag: number;
  readonly published: number;
  readonly failures: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly lastPublishedAt: string | null;
}

/**
 * The transactional outbox, with the event log as the outbox: an obligation event and "its outbox
 * entry" are the same row, committed in the append, so neither exists without the other. The
 * relay reads the tax-office events from its checkpoint, publishes a batch in position order,
 * waits for the broker's acknowledgement from all in-sync replicas, and only then moves its
 * checkpoint (compare-and-set). A crash between the two republishes the batch: at least once, with
 * the event id as CloudEvents id, so consumers drop the duplicates. While the broker is down it
 * retries the same batch with exponential backoff, so nothing is skipped and order holds.
 * The next batch is read while the broker works on the current one.
 */
export class TaxEventRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private position = 0;
  private state: RelayStatus['state'] = 'stopped';
  private published = 0;
  private failures = 0;
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private lastPublishedAt: string | null = null;
  private appends = 0;
  /** Appends end a wait for new events, never a backoff: a broker that is down is not asked at every append. */
  private readonly pause = new Pause();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: TaxEventLog,
    private readonly db: SqlDatabase,
    private readonly publisher: MessagePublisher,
    signal: AppendSignal,
    private readonly options: TaxEventRelayOptions,
  ) {
    this.unsubscribe = signal.onAppend(() => {
      this.appends++;
      this.pause.appended();
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.db.write((tx) => checkpoints.ensure(tx, this.options.name));
    this.position = await checkpoints.read(this.db.reader, this.options.name);
    this.running = true;
    this.state = 'running';
    this.loop = this.run();
  }

  /** Stops after the batch under way; a batch not yet marked is published again by the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.interrupt();
    // A publish to a broker that is down can take seconds of kafkajs retries: cut it short.
    const cut = setTimeout(() => void this.publisher.disconnect().catch(() => undefined), 2000);
    await this.loop;
    clearTimeout(cut);
    this.loop = undefined;
    this.state = 'stopped';
  }

  close(): Promise<void> {
    this.unsubscribe();
    return this.stop();
  }

  async status(): Promise<RelayStatus> {
    const head = await this.log.head();
    return {
      state: this.state,
      checkpoint: this.position,
      head,
      lag: Math.max(0, head - this.position),
      published: this.published,
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
      lastPublishedAt: this.lastPublishedAt,
    };
  }

  private async run(): Promise<void> {
    let connected = false;
    let prefetched: { from: number; page: Promise<TaxEventsPage> } | undefined;
    while (this.running) {
      try {
        if (!connected) {
          await this.publisher.connect();
          connected = true;
        }
        const seen = this.appends;
        const page = prefetched?.from === this.position ? await prefetched.page : await this.log.after(this.position, this.options.batchSize);
        prefetched = undefined;
        const full = page.events.length === this.options.batchSize;
        if (full) {
          const next = this.log.after(page.scannedTo, this.options.batchSize);
          next.catch(() => undefined); // read again after a failure, never reported twice
          prefetched = { from: page.scannedTo, page: next };
        }
        if (page.scannedTo > this.position) await this.relay(page);
        if (this.consecutiveFailures > 0) {
          this.options.observer?.recovered?.(this.consecutiveFailures);
          this.consecutiveFailures = 0;
          this.state = 'running';
        }
        if (!full && seen === this.appends) await this.pause.for(this.options.pollIntervalMs ?? 200, { endsOnAppend: true });
      } catch (error) {
        prefetched = undefined;
        this.failures++;
        this.consecutiveFailures++;
        this.state = 'retrying';
        this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.options.observer?.failed?.(error, this.consecutiveFailures);
        if (connected) {
          connected = false;
          await this.publisher.disconnect().catch(() => undefined);
        }
        if (this.running) await this.pause.for(this.backoff(), { endsOnAppend: false });
      }
    }
    if (connected) await this.publisher.disconnect().catch(() => undefined);
  }

  private async relay(page: TaxEventsPage): Promise<void> {
    const from = this.position;
    const to = page.scannedTo;
    const messages = page.events.map((event): OutboundMessage => toTaxKafkaMessage(event, this.options.publicUrl, this.options.topicPrefix));
    if (messages.length > 0) {
      await this.publisher.publish(messages);
      this.published += messages.length;
      this.lastPublishedAt = new Date().toISOString();
      this.options.observer?.published?.(messages.length);
    }
    await this.options.hooks?.afterAcknowledged?.({ from: from + 1, to, published: messages.length });
    try {
      await this.db.write((tx) => checkpoints.advance(tx, this.options.name, from, to));
      this.position = to;
    } catch (error) {
      // Another relay (a second projector) published and marked this batch: go on from its mark.
      if (!(error instanceof CheckpointMovedError)) throw error;
      this.position = await checkpoints.read(this.db.reader, this.options.name);
    }
  }

  private backoff(): number {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 250, maxMs: 5000 };
    const exponential = Math.min(maxMs, initialMs * 2 ** Math.min(this.consecutiveFailures - 1, 16));
    return exponential / 2 + Math.random() * (exponential / 2);
  }
}
