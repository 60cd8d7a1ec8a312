import { KafkaJsBroker } from '@registry/obligations/delivery/kafkajs/kafkajs-broker';
import { TAX_TOPICS } from '@registry/obligations/tax-events/tax-cloud-event';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ObligationStore } from '../../apps/tax-consumer/src/obligation-store';
import { TaxOfficeConsumer } from '../../apps/tax-consumer/src/tax-office-consumer';

export { KAFKA_BROKERS, kafkaAnswers } from './kafka-check';

const KAFKA_SH = resolve(__dirname, '..', 'kafka', 'kafka.sh');

/** Topics of their own for each test run, so nothing left on the broker by an earlier run is consumed. */
export const uniqueTopicPrefix = (name: string) => `test.${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}.`;

/**
 * A second broker of its own (port, data folder) that a test may stop and start without
 * disturbing the broker the other suites use; started by test/kafka/kafka.sh like the first.
 */
export class ScratchBroker {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'registry-kafka-scratch-'));

  constructor(readonly port: number) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  start(fresh = false): Promise<void> {
    return this.kafkaSh(fresh ? ['start', '--fresh'] : ['start']);
  }

  stop(): Promise<void> {
    return this.kafkaSh(['stop']);
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private kafkaSh(args: string[]): Promise<void> {
    const env = { ...process.env, KAFKA_PORT: String(this.port), KAFKA_DATA_DIR: this.dataDir, KAFKA_STOP_TIMEOUT: '20' };
    return new Promise((done, fail) =>
      execFile(KAFKA_SH, args, { env, timeout: 120_000 }, (error, _stdout, stderr) =>
        error ? fail(new Error(`kafka.sh ${args.join(' ')} on port ${this.port} failed: ${stderr}`)) : done(),
      ),
    );
  }
}

/** The sample tax-office consumer (apps/tax-consumer) on its own SQLite file, in a consumer group of its own. */
export async function startTaxOffice(
  brokers: string,
  topicPrefix: string,
): Promise<{ consumer: TaxOfficeConsumer; store: ObligationStore; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tax-office-'));
  const store = new ObligationStore(join(dir, 'tax-office.sqlite'));
  const consumer = new TaxOfficeConsumer({
    broker: new KafkaJsBroker({ brokers: brokers.split(','), clientId: 'tax-office-test' }),
    groupId: `${topicPrefix}tax-office`,
    topics: Object.values(TAX_TOPICS).map((topic) => topicPrefix + topic),
    store,
  });
  await consumer.start();
  return {
    consumer,
    store,
    async close() {
      await consumer.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
