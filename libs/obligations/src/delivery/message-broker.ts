/**
 * The port between the relay (and the sample consumer) and a message broker. kafkajs has had no
 * release since 2023: it sits behind this port (kafkajs/kafkajs-broker.ts), so another client
 * (confluent-kafka-javascript, node-rdkafka) can replace it by implementing these few methods.
 */
export interface OutboundMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MessagePublisher {
  /** Connects, and creates the topics it publishes to when they are missing. */
  connect(): Promise<void>;
  /**
   * Publishes in the order given (per key, order is kept: one key, one partition) and resolves
   * only when the broker acknowledged every message from all in-sync replicas. Rejects otherwise;
   * some messages may then have been written, and the caller publishes them again (consumers drop
   * the duplicates by event id).
   */
  publish(messages: readonly OutboundMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface InboundMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MessageSubscriber {
  /**
   * Joins the consumer group and hands over messages one at a time, in partition order. A message
   * counts as consumed (its offset committed) only once the handler resolved: at least once.
   */
  start(handler: (message: InboundMessage) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** -1: the broker's default. */
  readonly replicationFactor: number;
}

export interface MessageBroker {
  publisher(topics: readonly TopicSpec[]): MessagePublisher;
  subscriber(options: { readonly groupId: string; readonly topics: readonly string[] }): MessageSubscriber;
}
