import { SqlConfig, sqlConfigFromEnv } from '@registry/event-store';
import { resolve } from 'node:path';

/** Which parts of the service this process runs; the embedded default runs them all. */
export type ProcessRole = 'all' | 'api' | 'projector';

export interface RegistryConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly sql: SqlConfig;
  readonly role: ProcessRole;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Readiness fails when a projection is further behind the head than this many events. */
  readonly maxProjectionLag: number;
  readonly bodyLimit: string;
  /** Create one API key per role on first start (the embedded default). */
  readonly bootstrapKeys: boolean;
  /** Where the secrets that protect personal data come from (see libs/privacy/src/crypto/keyring.ts). */
  readonly secrets: SecretsConfig;
  /** JSON `{ "<claim role>": <days kept after the shop closed> }` over the default retention table. */
  readonly retention: string | undefined;
  /** How often the retention policy runs in the process that runs projections; 0 turns it off. */
  readonly retentionIntervalHours: number;
  /** A key shared by more otherwise unrelated groups of shops than this is a hub (docs/resolution.md); unset: the resolution policy's default. */
  readonly hubThreshold: number | undefined;
  /** Kafka for the tax office; null: no relay runs, and the HTTP feed (`GET /tax/feed`) is the delivery path. */
  readonly kafka: KafkaConfig | null;
  /** A withholding rule table (JSON) to use instead of the one shipped in libs/obligations/rules. */
  readonly taxRulesFile: string | undefined;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Put before every topic name: one cluster shared by several deployments (or test runs). */
  readonly topicPrefix: string;
  /** For topics the relay creates when they are missing; -1 takes the broker's default replication. */
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Events the relay reads and publishes per batch (one broker acknowledgement per batch). */
  readonly batchSize: number;
}

export type SecretsConfig = Pick<
  NodeJS.ProcessEnv,
  'REGISTRY_MASTER_KEY' | 'REGISTRY_MASTER_KEY_ID' | 'REGISTRY_PREVIOUS_MASTER_KEYS' | 'REGISTRY_INDEX_KEY' | 'REGISTRY_KEY_FILE'
>;

/** Projections run in the embedded default and in projector workers, never in API replicas. */
export const runsProjections = (config: RegistryConfig) => config.role !== 'api';

export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const role = (env.REGISTRY_ROLE ?? 'all') as ProcessRole;
  if (!['all', 'api', 'projector'].includes(role)) throw new Error('REGISTRY_ROLE must be all, api or projector');
  const logLevel = (env.LOG_LEVEL ?? 'info') as RegistryConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new Error('LOG_LEVEL must be debug, info, warn or error');
  return {
    port: Number(env.PORT ?? 3000),
    dataDir: resolve(env.REGISTRY_DATA_DIR ?? 'data'),
    sql: sqlConfigFromEnv(env),
    role,
    logLevel,
    maxProjectionLag: Number(env.REGISTRY_MAX_PROJECTION_LAG ?? 10_000),
    bodyLimit: env.REGISTRY_BODY_LIMIT ?? '10mb',
    bootstrapKeys: env.REGISTRY_BOOTSTRAP_KEYS !== '0',
    retention: env.REGISTRY_RETENTION,
    retentionIntervalHours: Number(env.REGISTRY_RETENTION_INTERVAL_HOURS ?? 24),
    hubThreshold: env.REGISTRY_HUB_THRESHOLD === undefined ? undefined : positiveInteger(env.REGISTRY_HUB_THRESHOLD, 'REGISTRY_HUB_THRESHOLD'),
    kafka: kafkaFromEnv(env),
    taxRulesFile: env.REGISTRY_TAX_RULES_FILE || undefined,
    secrets: {
      REGISTRY_MASTER_KEY: env.REGISTRY_MASTER_KEY,
      REGISTRY_MASTER_KEY_ID: env.REGISTRY_MASTER_KEY_ID,
      REGISTRY_PREVIOUS_MASTER_KEYS: env.REGISTRY_PREVIOUS_MASTER_KEYS,
      REGISTRY_INDEX_KEY: env.REGISTRY_INDEX_KEY,
      REGISTRY_KEY_FILE: env.REGISTRY_KEY_FILE,
    },
  };
}

/** `REGISTRY_KAFKA_BROKERS=host:port,…` turns the relay to Kafka on; unset, the tax office pulls the HTTP feed. */
function kafkaFromEnv(env: NodeJS.ProcessEnv): KafkaConfig | null {
  const brokers = (env.REGISTRY_KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) return null;
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new Error(`REGISTRY_KAFKA_BROKERS: ${broker} is not host:port`);
  const replication = Number(env.REGISTRY_KAFKA_REPLICATION_FACTOR ?? -1);
  if (!Number.isInteger(replication) || (replication < 1 && replication !== -1)) throw new Error('REGISTRY_KAFKA_REPLICATION_FACTOR must be -1 or a positive integer');
  return {
    brokers,
    clientId: env.REGISTRY_KAFKA_CLIENT_ID ?? 'seller-registry',
    topicPrefix: env.REGISTRY_KAFKA_TOPIC_PREFIX ?? '',
    partitions: positiveInteger(env.REGISTRY_KAFKA_PARTITIONS ?? '3', 'REGISTRY_KAFKA_PARTITIONS'),
    replicationFactor: replication,
    batchSize: positiveInteger(env.REGISTRY_KAFKA_BATCH_SIZE ?? '1000', 'REGISTRY_KAFKA_BATCH_SIZE'),
  };
}

function positiveInteger(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}
