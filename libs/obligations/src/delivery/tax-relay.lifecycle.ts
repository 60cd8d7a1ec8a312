import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Processor, SqlDatabase } from '@registry/event-store';
import { KafkaConfig, Metrics, REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { Counter } from 'prom-client';
import { TAX_TOPICS } from '../tax-events/tax-cloud-event';
import { TaxEventLog } from '../tax-events/tax-event-log';
import { KafkaJsBroker } from './kafkajs/kafkajs-broker';
import { TaxEventRelay } from './tax-event-relay';

export const TAX_RELAY_CHECKPOINT = 'tax-relay';

/**
 * Registers the relay to Kafka with the processor where projections run (the embedded default and
 * projector workers), when REGISTRY_KAFKA_BROKERS is set. The processor runs it and shows its lag
 * and failures in /health/ready and /metrics; readiness fails only when it falls further behind
 * than projections may (REGISTRY_MAX_PROJECTION_LAG): the API keeps accepting reports while the
 * broker is down, the log holds them.
 */
@Injectable()
export class TaxRelayLifecycle implements OnModuleInit {
  private readonly logger = new Logger('TaxRelay');
  private relay: TaxEventRelay | undefined;

  constructor(
    private readonly log: TaxEventLog,
    private readonly db: SqlDatabase,
    private readonly processor: Processor,
    private readonly metrics: Metrics,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** The relay, or undefined where none runs (no Kafka configured, or an API replica). */
  get running(): TaxEventRelay | undefined {
    return this.relay;
  }

  onModuleInit(): void {
    const kafka = this.config.kafka;
    if (!kafka || !runsProjections(this.config)) return;
    this.relay = this.createRelay(kafka);
    this.processor.add(this.relay);
    this.logger.log({ msg: 'tax relay to Kafka registered', brokers: kafka.brokers, topics: Object.values(TAX_TOPICS).map((t) => kafka.topicPrefix + t) });
  }

  private createRelay(kafka: KafkaConfig): TaxEventRelay {
    const published = new Counter({
      name: 'registry_tax_relay_published_total',
      help: 'Tax events the broker acknowledged',
      registers: [this.metrics.registry],
    });
    const broker = new KafkaJsBroker({
      brokers: kafka.brokers,
      clientId: kafka.clientId,
      log: (level, message, extra) => this.logger.debug({ msg: message, kafkajsLevel: level, broker: extra.broker }),
    });
    const topics = Object.values(TAX_TOPICS).map((name) => ({
      name: kafka.topicPrefix + name,
      partitions: kafka.partitions,
      replicationFactor: kafka.replicationFactor,
    }));
    return new TaxEventRelay(this.log, this.db, broker.publisher(topics), {
      name: TAX_RELAY_CHECKPOINT,
      topicPrefix: kafka.topicPrefix,
      publicUrl: this.config.publicUrl,
      batchSize: kafka.batchSize,
      onPublished: (count) => published.inc(count),
      details: { brokers: kafka.brokers.join(',') },
    });
  }
}
