import { InboundMessage, MessageBroker, MessageSubscriber } from '@registry/obligations/tax-office';
import { ObligationStore, ReceivedEvent } from './obligation-store';

export interface TaxOfficeConsumerOptions {
  readonly broker: MessageBroker;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly store: ObligationStore;
  readonly log?: (line: Record<string, unknown>) => void;
}

/**
 * A sample tax-office consumer: one member of a consumer group on the registry's topics. Kafka
 * delivers at least once (the registry's relay republishes a batch it could not mark), so each
 * event is stored once by its CloudEvents id and a duplicate is dropped.
 */
export class TaxOfficeConsumer {
  readonly counts = { delivered: 0, stored: 0, duplicates: 0, rejected: 0 };
  private subscriber: MessageSubscriber | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: TaxOfficeConsumerOptions) {}

  async start(): Promise<void> {
    this.subscriber = this.options.broker.subscriber({ groupId: this.options.groupId, topics: this.options.topics });
    await this.subscriber.start((message) => this.receive(message));
  }

  async stop(): Promise<void> {
    await this.subscriber?.stop();
  }

  /** Resolves once `predicate` holds (checked after every delivery), or rejects after the time. */
  until(predicate: () => boolean, timeoutMs: number): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`not consumed within ${timeoutMs} ms: ${JSON.stringify(this.counts)}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  private async receive(message: InboundMessage): Promise<void> {
    this.counts.delivered++;
    const event = parse(message.value);
    if (!event) {
      // A message that is not one of ours would block the partition forever if it threw: keep going, say so.
      this.counts.rejected++;
      this.options.log?.({
        level: 'warn',
        msg: 'not a CloudEvent of the registry, skipped',
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
      });
    } else {
      const stored = this.options.store.store(
        event,
        { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, contentType: message.headers['content-type'] ?? null },
        message.value!,
      );
      if (stored) this.counts.stored++;
      else this.counts.duplicates++;
      // One line per event, so an operator sees the flow; the subject and key are pseudonymous (attribution keys, shops).
      this.options.log?.({
        level: 'info',
        msg: stored ? 'stored' : 'duplicate, dropped',
        id: event.id,
        type: event.type,
        subject: event.subject,
        sequence: event.sequence,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
      });
    }
    for (const listener of [...this.listeners]) listener();
  }
}

function parse(value: string | null): ReceivedEvent | null {
  try {
    const event = JSON.parse(value ?? '') as ReceivedEvent & { specversion?: string };
    const ok = event.specversion === '1.0' && typeof event.id === 'string' && typeof event.type === 'string' && typeof event.sequence === 'string';
    return ok && event.data && typeof event.data === 'object' ? event : null;
  } catch {
    return null;
  }
}
