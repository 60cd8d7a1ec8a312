import { Kafka, logLevel } from 'kafkajs';

/** The broker the services suite uses (test/kafka/kafka.sh starts one on 127.0.0.1:9092). */
export const KAFKA_BROKERS = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';

/** Whether a broker answers a metadata request; the error when it does not. */
export async function kafkaAnswers(brokers: string): Promise<Error | null> {
  const admin = new Kafka({
    clientId: 'services-check',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 1 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
