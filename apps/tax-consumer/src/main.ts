import { KafkaJsBroker, TAX_TOPICS } from '@registry/obligations/tax-office';
import { resolve } from 'node:path';
import { ObligationStore } from './obligation-store';
import { TaxOfficeConsumer } from './tax-office-consumer';

/**
 * The sample tax-office consumer as a process:
 *   TAX_CONSUMER_BROKERS (127.0.0.1:9092), TAX_CONSUMER_GROUP (tax-office),
 *   TAX_CONSUMER_TOPIC_PREFIX (as the registry's REGISTRY_KAFKA_TOPIC_PREFIX), TAX_CONSUMER_DB (./data/tax-office.sqlite).
 */
async function main(): Promise<void> {
  const log = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  const prefix = process.env.TAX_CONSUMER_TOPIC_PREFIX ?? '';
  const store = new ObligationStore(resolve(process.env.TAX_CONSUMER_DB ?? 'data/tax-office.sqlite'));
  const consumer = new TaxOfficeConsumer({
    broker: new KafkaJsBroker({ brokers: (process.env.TAX_CONSUMER_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'tax-office-consumer' }),
    groupId: process.env.TAX_CONSUMER_GROUP ?? 'tax-office',
    topics: Object.values(TAX_TOPICS).map((topic) => prefix + topic),
    store,
    log,
  });
  await consumer.start();
  log({ level: 'info', msg: 'tax-office consumer running', topics: Object.values(TAX_TOPICS).map((topic) => prefix + topic) });
  const report = setInterval(() => log({ level: 'info', msg: 'consumed', ...consumer.counts }), 30_000);
  const shutdown = async () => {
    clearInterval(report);
    await consumer.stop();
    store.close();
    log({ level: 'info', msg: 'stopped', ...consumer.counts });
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'tax-office consumer failed to start', error: String(error) })}\n`);
  process.exit(1);
});
