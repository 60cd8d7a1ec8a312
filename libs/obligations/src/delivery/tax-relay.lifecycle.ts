import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppendSignal, SqlDatabase } from '@registry/event-store';
import { KafkaConfig, Metrics, REGISTRY_CONFIG, ReadinessChecks, RegistryConfig, runsProjections } from '@registry/platform';
import { Counter, Gauge } from 'prom-client';
import { TAX_TOPICS } from '../tax-events/tax-cloud-event';
import { TaxEventLog } from '../tax-events/tax-event-log';
import { KafkaJsBroker } from './kafkajs/kafkajs-broker';
import { TaxEventRelay } from './tax-event-relay';

export const TAX_RELAY_CHECKPOINT = 'tax-relay';

/**
 * Runs the relay to Kafka where projections run (the embedded default and projector workers),
 * when REGISTRY_KAFKA_BROKERS is set. Its lag and failures show in /health/ready and /metrics;
 * readiness fails only when it falls further behind than projections may (REGISTRY_MAX_PROJECTION_LAG):
 * the API keeps accepting reports while the broker is down, the log holds them.
 */
@Injectable()
export class TaxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TaxRelay');
  private relay: TaxEventRelay | undefined;
  private removeCheck: (() => void) | undefined;

  constructor(
    private readonly log: TaxEventLog,
    private readonly db: SqlDatabase,
    private readonly signal: AppendSignal,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessChecks,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** The running relay, or undefined where none runs (no Kafka configured, or an API replica). */
  get running(): TaxEventRelay | undefined {
    return this.relay;
  }

  async onApplicationBootstrap(): Promise<void> {
    const kafka = this.config.kafka;
    if (!kafka || !runsProjections(this.config)) return;
    const relay = this.createRelay(kafka);
    this.relay = relay;
    this.removeCheck = this.readiness.add({
      name: 'tax-relay',
      check: async () => {
        const status = await relay.status();
        return { up: status.lag <= this.config.maxProjectionLag, details: { brokers: kafka.brokers.join(','), ...status } };
      },
    });
    await relay.start();
    this.logger.log({ msg: 'tax relay to Kafka running', brokers: kafka.brokers, topics: Object.values(TAX_TOPICS).map((t) => kafka.topicPrefix + t) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.removeCheck?.();
    await this.relay?.close();
  }

  private createRelay(kafka: KafkaConfig): TaxEventRelay {
    const published = new Counter({
      name: 'registry_tax_relay_published_total',
      help: 'Tax events the broker acknowledged',
      registers: [this.metrics.registry],
    });
    const failures = new Counter({
      name: 'registry_tax_relay_failures_total',
      help: 'Relay batches that failed (broker down, timeouts)',
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
    const relay = new TaxEventRelay(this.log, this.db, broker.publisher(topics), this.signal, {
      name: TAX_RELAY_CHECKPOINT,
      topicPrefix: kafka.topicPrefix,
      publicUrl: this.config.publicUrl,
      batchSize: kafka.batchSize,
      observer: {
        published: (count) => published.inc(count),
        failed: (error, consecutive) => {
          failures.inc();
          // One line when it starts failing, then one every 10 attempts: a long outage does not flood the log.
          if (consecutive === 1 || consecutive % 10 === 0) {
            this.logger.warn({ msg: 'tax relay cannot publish, retrying with backoff', consecutive, error: String(error) });
          }
        },
        recovered: (after) => this.logger.log({ msg: 'tax relay publishing again', afterFailures: after }),
      },
    });
    const statusOf = () => relay.status();
    new Gauge({
      name: 'registry_tax_relay_lag_events',
      help: 'Head position of the event store minus the tax relay checkpoint',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await statusOf()).lag);
      },
    });
    new Gauge({
      name: 'registry_tax_relay_up',
      help: '1 while the relay publishes, 0 while it retries after a failure',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await statusOf()).state === 'running' ? 1 : 0);
      },
    });
    return relay;
  }
}
