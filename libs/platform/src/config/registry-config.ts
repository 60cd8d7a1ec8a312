import { SqlConfig, sqlConfigFromEnv } from '@registry/event-store';
import { resolve } from 'node:path';
import { LogLevel } from '../logging/logger';
import { EnvReader } from './env-reader';
import { ROLES, Role } from '../auth/principal';

/** Which parts of the service this process runs; the embedded default runs them all. */
export type ProcessRole = 'all' | 'api' | 'projector';

/**
 * The largest hub threshold accepted. A key is judged a hub on the first 40 of its shops (the
 * resolution policy's `hubSample`), which make 40 groups at most: at 40 or more no hub could ever be
 * found, and a shipper's phone on ten thousand shops would join all their sellers into one operator.
 * The resolution policy's spec holds the two numbers together.
 */
export const HUB_THRESHOLD_MAX = 39;

export interface RegistryConfig {
  readonly port: number;
  /** How clients reach the registry (`http://localhost:<port>` by default): the base of the URLs it hands out, such as each tax event's `dataschema`. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly sql: SqlConfig;
  readonly role: ProcessRole;
  readonly logLevel: LogLevel;
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
  /** How often erasures are made final (see finalize-erasures) in the process that runs projections; 0 turns it off. */
  readonly erasureFinalizeIntervalHours: number;
  /** A key shared by more otherwise unrelated groups of shops than this is a hub (docs/resolution.md); unset: the resolution policy's default. At most HUB_THRESHOLD_MAX. */
  readonly hubThreshold: number | undefined;
  /** Kafka for the tax office; null: no relay runs, and the HTTP feed (`GET /tax/feed`) is the delivery path. */
  readonly kafka: KafkaConfig | null;
  /** A withholding rule table (JSON) to use instead of the one shipped in libs/obligations/rules. */
  readonly taxRulesFile: string | undefined;
  /** The built investigator workspace (apps/workspace), served at /workspace. */
  readonly workspaceDir: string;
  /** Items (a request, or each item of a bulk one) an API key may send per minute, by role; 0: no limit. */
  readonly rateLimits: Readonly<Record<Role, number>>;
  /** How long a process may keep answering with a principal it read (docs/security.md); 0: read on every request. */
  readonly principalCacheSeconds: number;
}

/**
 * Far above what one client needs and what the benchmarks send (hundreds of requests a second,
 * bulk loads of thousands of items), so that only a runaway or hostile client meets them.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<Role, number>> = {
  platform: 600_000,
  partner: 600_000,
  enforcement: 120_000,
  tax_office: 120_000,
  admin: 120_000,
};

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

/** Reads and checks every variable; a bad configuration is refused whole, naming each bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const read = new EnvReader(env);
  const port = read.integer('PORT', 3000, 0, 65535);
  const config: RegistryConfig = {
    port,
    publicUrl: read.matching(
      'REGISTRY_PUBLIC_URL',
      `http://localhost:${port}`,
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s?#/])?$/,
      'must be an http(s) URL without a trailing slash, query or fragment',
    ),
    dataDir: resolve(read.string('REGISTRY_DATA_DIR', 'data')),
    sql: sqlFromEnv(env, read),
    role: read.oneOf<ProcessRole>('REGISTRY_ROLE', 'all', ['all', 'api', 'projector']),
    logLevel: read.oneOf<LogLevel>('LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error']),
    maxProjectionLag: read.integer('REGISTRY_MAX_PROJECTION_LAG', 10_000, 1),
    bodyLimit: read.matching('REGISTRY_BODY_LIMIT', '10mb', /^\d+(b|kb|mb|gb)?$/i, 'must be a size like 512kb or 10mb'),
    bootstrapKeys: read.oneOf('REGISTRY_BOOTSTRAP_KEYS', '1', ['0', '1']) === '1',
    retention: retentionFromEnv(env, read),
    retentionIntervalHours: read.integer('REGISTRY_RETENTION_INTERVAL_HOURS', 24, 0),
    erasureFinalizeIntervalHours: read.integer('REGISTRY_ERASURE_FINALIZE_INTERVAL_HOURS', 24, 0),
    hubThreshold: read.optional('REGISTRY_HUB_THRESHOLD') === undefined ? undefined : read.integer('REGISTRY_HUB_THRESHOLD', 0, 1, HUB_THRESHOLD_MAX),
    kafka: kafkaFromEnv(env, read),
    taxRulesFile: read.optional('REGISTRY_TAX_RULES_FILE'),
    workspaceDir: resolve(read.string('REGISTRY_WORKSPACE_DIR', 'dist/workspace')),
    rateLimits: rateLimitsFromEnv(read),
    principalCacheSeconds: read.integer('REGISTRY_PRINCIPAL_CACHE_SECONDS', 5, 0, 300),
    secrets: {
      REGISTRY_MASTER_KEY: env.REGISTRY_MASTER_KEY,
      REGISTRY_MASTER_KEY_ID: env.REGISTRY_MASTER_KEY_ID,
      REGISTRY_PREVIOUS_MASTER_KEYS: env.REGISTRY_PREVIOUS_MASTER_KEYS,
      REGISTRY_INDEX_KEY: env.REGISTRY_INDEX_KEY,
      REGISTRY_KEY_FILE: env.REGISTRY_KEY_FILE,
    },
  };
  read.check();
  return config;
}

function sqlFromEnv(env: NodeJS.ProcessEnv, read: EnvReader): SqlConfig {
  read.integer('DATABASE_POOL_SIZE', 10, 1);
  try {
    return sqlConfigFromEnv(env);
  } catch (error) {
    read.problem('DATABASE_URL', 'must start with postgres:// (or be unset for the embedded SQLite store)');
    return sqlConfigFromEnv({ ...env, DATABASE_URL: undefined });
  }
}

function retentionFromEnv(env: NodeJS.ProcessEnv, read: EnvReader): string | undefined {
  const raw = read.optional('REGISTRY_RETENTION');
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((days) => Number.isInteger(days) && (days as number) >= 0);
  if (!valid) read.problem('REGISTRY_RETENTION', 'must be JSON like { "<claim role>": <days> } with whole days');
  return raw;
}

/** `REGISTRY_KAFKA_BROKERS=host:port,…` turns the relay to Kafka on; unset, the tax office pulls the HTTP feed. */
function kafkaFromEnv(env: NodeJS.ProcessEnv, read: EnvReader): KafkaConfig | null {
  const brokers = (env.REGISTRY_KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return null;
  const bad = brokers.filter((broker) => !/^[^\s:]+:\d{1,5}$/.test(broker));
  if (bad.length > 0) read.problem('REGISTRY_KAFKA_BROKERS', `must be host:port,…; ${bad.join(', ')} is not`);
  const replication = read.integer('REGISTRY_KAFKA_REPLICATION_FACTOR', -1, -1);
  if (replication === 0) read.problem('REGISTRY_KAFKA_REPLICATION_FACTOR', 'must be -1 (the broker default) or a positive whole number');
  return {
    brokers,
    clientId: read.string('REGISTRY_KAFKA_CLIENT_ID', 'seller-registry'),
    topicPrefix: read.string('REGISTRY_KAFKA_TOPIC_PREFIX', ''),
    partitions: read.integer('REGISTRY_KAFKA_PARTITIONS', 3, 1),
    replicationFactor: replication,
    batchSize: read.integer('REGISTRY_KAFKA_BATCH_SIZE', 1000, 1),
  };
}

/** `REGISTRY_RATE_LIMIT_PLATFORM=6000` and the like: items per minute per key of that role; 0: no limit. */
const rateLimitsFromEnv = (read: EnvReader): Record<Role, number> =>
  Object.fromEntries(ROLES.map((role) => [role, read.integer(`REGISTRY_RATE_LIMIT_${role.toUpperCase()}`, DEFAULT_RATE_LIMITS[role], 0)])) as Record<
    Role,
    number
  >;
