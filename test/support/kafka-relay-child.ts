/**
 * The tax relay alone in a process of its own, over the registry's database, so a test can kill
 * it for real. RELAY_CRASH_AFTER_ACK=1: SIGKILL itself right after the broker acknowledged the
 * first batch, before the progress mark. RELAY_EXIT_WHEN_CAUGHT_UP=1: exit 0 once nothing is left.
 * Configured like the registry (DATABASE_URL, REGISTRY_MASTER_KEY, REGISTRY_INDEX_KEY, REGISTRY_KAFKA_*).
 */
import { AppendSignal, Processor, SqlDatabase, SqlEventStore } from '@registry/event-store';
import { TAX_RELAY_CHECKPOINT, TAX_TOPICS, TaxEventLog, TaxEventRelay, obligationsPersonalFields } from '@registry/obligations';
import { KafkaJsBroker } from '@registry/obligations/delivery/kafkajs/kafkajs-broker';
import { configFromEnv } from '@registry/platform';
import { DataKeyStore, PersonalDataCodec, loadKeyring } from '@registry/privacy/core';

async function main(): Promise<void> {
  const config = configFromEnv();
  if (!config.kafka) throw new Error('REGISTRY_KAFKA_BROKERS is required');
  const kafka = config.kafka;
  const db = await SqlDatabase.open(config.sql, { migrations: [] });
  const codec = new PersonalDataCodec(new DataKeyStore(db, loadKeyring(config.secrets, config.dataDir)), obligationsPersonalFields);
  const signal = new AppendSignal();
  const store = new SqlEventStore(db, signal, codec);
  const broker = new KafkaJsBroker({ brokers: kafka.brokers, clientId: 'relay-child' });
  const topics = Object.values(TAX_TOPICS).map((name) => ({
    name: kafka.topicPrefix + name,
    partitions: kafka.partitions,
    replicationFactor: kafka.replicationFactor,
  }));
  const relay = new TaxEventRelay(new TaxEventLog(store), db, broker.publisher(topics), {
    name: TAX_RELAY_CHECKPOINT,
    topicPrefix: kafka.topicPrefix,
    publicUrl: config.publicUrl,
    batchSize: kafka.batchSize,
    pollIntervalMs: 100,
    hooks: {
      afterAcknowledged: (batch) => {
        if (process.env.RELAY_CRASH_AFTER_ACK !== '1') return;
        process.stdout.write(`${JSON.stringify({ acknowledged: batch })}\n`);
        process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  const processor = new Processor(store, db, [relay], { signal });
  await processor.start();
  if (process.env.RELAY_EXIT_WHEN_CAUGHT_UP !== '1') return;
  for (;;) {
    const [status] = await processor.reactorStatus();
    if (status.lag === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await processor.stop();
  await db.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
