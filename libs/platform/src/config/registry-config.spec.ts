import { configFromEnv } from './registry-config';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    configFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration at start', () => {
  it('needs no variable at all', () => {
    expect(configFromEnv({})).toMatchObject({ port: 3000, role: 'all', logLevel: 'info', kafka: null });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['REGISTRY_PUBLIC_URL', 'registry.example.vn/'],
    ['REGISTRY_ROLE', 'worker'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://db'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REGISTRY_MAX_PROJECTION_LAG', 'lots'],
    ['REGISTRY_BODY_LIMIT', 'ten megabytes'],
    ['REGISTRY_BOOTSTRAP_KEYS', 'yes'],
    ['REGISTRY_RETENTION', '{"identity": "5 years"}'],
    ['REGISTRY_RETENTION_INTERVAL_HOURS', '-1'],
    ['REGISTRY_HUB_THRESHOLD', '0'],
    ['REGISTRY_HUB_THRESHOLD', '40'],
    ['REGISTRY_KAFKA_BROKERS', 'kafka'],
    ['REGISTRY_KAFKA_PARTITIONS', '0'],
    ['REGISTRY_KAFKA_REPLICATION_FACTOR', '0'],
    ['REGISTRY_KAFKA_BATCH_SIZE', '1.5'],
  ])('refuses %s=%s, naming it', (name, value) => {
    const kafka = name.startsWith('REGISTRY_KAFKA_') && name !== 'REGISTRY_KAFKA_BROKERS' ? { REGISTRY_KAFKA_BROKERS: 'localhost:9092' } : {};

    expect(refusal({ ...kafka, [name]: value })).toMatch(new RegExp(`^invalid configuration: ${name} `));
  });

  it('names every bad variable in one message', () => {
    const message = refusal({ PORT: 'abc', LOG_LEVEL: 'loud', REGISTRY_HUB_THRESHOLD: 'x' });

    expect(message.split('; ').map((problem) => problem.replace('invalid configuration: ', '').split(' ')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
      'REGISTRY_HUB_THRESHOLD',
    ]);
  });
});
