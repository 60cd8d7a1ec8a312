import { Client } from 'pg';
import { KAFKA_BROKERS, kafkaAnswers } from '../support/kafka-check';
import { POSTGRES_ADMIN_URL } from '../support/postgres-url';

/** The services suite fails loudly, before any test, when a service it needs is not there. */
export default async function requireServices(): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`The services suite needs PostgreSQL at ${POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL to change it): ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
  const kafka = await kafkaAnswers(KAFKA_BROKERS);
  if (kafka) {
    throw new Error(
      `The services suite needs a Kafka broker at ${KAFKA_BROKERS} (set TEST_KAFKA_BROKERS to change it); ` +
        `start one without Docker with: test/kafka/kafka.sh start (${kafka.message})`,
    );
  }
}
