import { Consumer, IHeaders, Kafka, LogEntry, Partitioners, Producer, logLevel } from 'kafkajs';
import { InboundMessage, MessageBroker, MessagePublisher, MessageSubscriber, OutboundMessage, TopicSpec } from '../message-broker';

/**
 * The kafkajs adapter. kafkajs 2.2.4 speaks the protocol versions of Kafka 3.x (the tests and
 * docker/compose.yaml pin broker 3.9.1); Kafka 4 removed some of them (KIP-896).
 */
export interface KafkaJsOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** kafkajs's own log lines (retries, reconnects): chatty while a broker is down. */
  readonly log?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

/**
 * Bytes of messages per produce request: below the broker's default message.max.bytes (1 MiB), so
 * no partition's record batch can exceed it whatever the keys (a too-large batch is refused for good).
 */
const MAX_REQUEST_BYTES = 900_000;

const LEVELS: Record<number, 'error' | 'warn' | 'info'> = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info' };

export class KafkaJsBroker implements MessageBroker {
  private readonly kafka: Kafka;

  constructor(options: KafkaJsOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 3000,
      requestTimeout: 30_000,
      // Fail a connection attempt in seconds, not minutes: the relay has its own backoff and reports each failure.
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: options.log ? logLevel.WARN : logLevel.NOTHING,
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        options.log?.(LEVELS[entry.level] ?? 'info', `kafkajs ${entry.namespace}: ${message}`, extra);
      },
    });
  }

  publisher(topics: readonly TopicSpec[]): MessagePublisher {
    return new KafkaJsPublisher(this.kafka, topics);
  }

  subscriber(options: { readonly groupId: string; readonly topics: readonly string[] }): MessageSubscriber {
    return new KafkaJsSubscriber(this.kafka, options.groupId, options.topics);
  }
}

class KafkaJsPublisher implements MessagePublisher {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly TopicSpec[],
  ) {}

  /**
   * A fresh idempotent producer on every connect: after a failed send its sequence numbers may be
   * out of step with the broker, and a new producer id starts clean. One request in flight per
   * connection, so a retried batch never overtakes the next one.
   */
  async connect(): Promise<void> {
    await this.ensureTopics();
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await producer.connect();
    this.producer = producer;
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    let chunk: OutboundMessage[] = [];
    let bytes = 0;
    for (const message of messages) {
      const size = Buffer.byteLength(message.value) + Buffer.byteLength(message.key) + 100;
      if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
        await this.send(chunk);
        [chunk, bytes] = [[], 0];
      }
      chunk.push(message);
      bytes += size;
    }
    if (chunk.length > 0) await this.send(chunk);
  }

  /** One produce request, in order; acks -1: every in-sync replica has the messages before it resolves. */
  private async send(messages: readonly OutboundMessage[]): Promise<void> {
    if (!this.producer) throw new Error('the publisher is not connected');
    const byTopic = new Map<string, { key: string; value: string; headers: IHeaders }[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push({ key: message.key, value: message.value, headers: { ...message.headers } });
      byTopic.set(message.topic, list);
    }
    await this.producer.sendBatch({ acks: -1, timeout: 30_000, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  private async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = this.topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor })),
      });
    } finally {
      await admin.disconnect();
    }
  }
}

class KafkaJsSubscriber implements MessageSubscriber {
  private consumer: Consumer | undefined;
  private stopped = false;
  private restart: NodeJS.Timeout | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: readonly string[],
  ) {}

  /** Waits for the topics while they do not exist yet (the registry's relay creates them when it first connects). */
  async start(handler: (message: InboundMessage) => Promise<void>): Promise<void> {
    this.stopped = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce(handler);
      } catch (error) {
        await this.consumer?.disconnect().catch(() => undefined);
        const retriable = (error as { retriable?: boolean }).retriable === true;
        if (this.stopped || !retriable || attempt >= 60) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async startOnce(handler: (message: InboundMessage) => Promise<void>): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 } });
    this.consumer = consumer;
    // kafkajs restarts itself after retriable failures; after any other crash, start over here.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped) return;
      this.restart = setTimeout(
        () => void consumer.disconnect().finally(() => this.stopped || this.start(handler).catch(() => this.retryLater(handler))),
        1000,
      );
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) =>
        handler({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
        }),
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    await this.consumer?.disconnect();
  }

  private retryLater(handler: (message: InboundMessage) => Promise<void>): void {
    if (this.stopped) return;
    this.restart = setTimeout(() => void this.start(handler).catch(() => this.retryLater(handler)), 2000);
  }
}
