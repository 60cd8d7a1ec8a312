import { TAX_RELAY_CHECKPOINT, isTaxOfficeEvent } from '@registry/obligations';
import { checkpoints } from '@registry/event-store';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { aReport, aSeller, goods } from '../api/obligations.suite';
import { createPostgresDatabase } from '../support/databases';
import { KAFKA_BROKERS, startTaxOffice, uniqueTopicPrefix } from '../support/kafka';
import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..');

/** Runs the relay in a child process (test/support/kafka-relay-child.ts) and resolves with how it ended. */
function runRelay(env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/support/kafka-relay-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', ...env },
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/**
 * The relay killed (SIGKILL, a real process) between the broker's acknowledgement and its progress
 * mark: the restarted relay publishes the batch again, every duplicate with the same CloudEvents id,
 * and the tax office stores each event once.
 */
describe('the tax relay killed between the broker’s acknowledgement and its progress mark', () => {
  const prefix = uniqueTopicPrefix('relay-crash');
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let registry: RunningRegistry;
  let taxOffice: Awaited<ReturnType<typeof startTaxOffice>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // Keys in the environment, so the relay's process can read what the registry sealed.
    env = {
      DATABASE_URL: database.url,
      REGISTRY_MASTER_KEY: randomBytes(32).toString('base64'),
      REGISTRY_INDEX_KEY: randomBytes(32).toString('base64'),
      REGISTRY_KAFKA_BROKERS: KAFKA_BROKERS,
      REGISTRY_KAFKA_TOPIC_PREFIX: prefix,
    };
    // The registry itself runs no relay here (no brokers configured): the child is the only one.
    const { REGISTRY_KAFKA_BROKERS: _, ...withoutKafka } = env;
    registry = await startRegistry(withoutKafka);
    taxOffice = await startTaxOffice(KAFKA_BROKERS, prefix);
  });
  afterAll(async () => {
    await taxOffice?.close();
    await registry?.close();
    await database?.drop();
  });

  it('republishes the batch on restart with the same ids, and the consumer stores every event once', async () => {
    const platform = registry.key('demo-platform');
    const shops = Array.from({ length: 12 }, (_, i) => `crash-${i}`);
    for (const [i, shopId] of shops.entries()) {
      await registry
        .http()
        .post('/platform/shops')
        .set('x-api-key', platform)
        .send(aSeller(shopId, { nationalId: `0791900002${String(i).padStart(2, '0')}` }))
        .expect(201);
    }
    const reports = shops.flatMap((shopId) => ['2025-07', '2025-08'].map((month) => aReport(shopId, month, [goods(20_000_000, 0, 100_000, 100_000)])));
    await registry.http().post('/platform/sales-reports/bulk').set('x-api-key', platform).send({ reports }).expect(200);
    await registry.settle(); // the operator figures too
    const expected = (await registry.store.readAll(1, 100_000)).filter(isTaxOfficeEvent).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(48);

    const killed = await runRelay({ ...env, RELAY_CRASH_AFTER_ACK: '1' });
    expect([killed.signal, killed.stderr]).toEqual(['SIGKILL', '']);
    expect(JSON.parse(killed.stdout.trim().split('\n').pop()!).acknowledged.published).toBe(expected.length);
    // Acknowledged, so delivered; never marked, so still owed.
    expect(await checkpoints.read(registry.db.reader, TAX_RELAY_CHECKPOINT)).toBe(0);
    await taxOffice.consumer.until(() => taxOffice.consumer.counts.stored === expected.length, 60_000);
    expect(taxOffice.consumer.counts).toMatchObject({ delivered: expected.length, duplicates: 0 });

    const restarted = await runRelay({ ...env, RELAY_EXIT_WHEN_CAUGHT_UP: '1' });
    expect([restarted.code, restarted.stderr]).toEqual([0, '']);
    expect(await checkpoints.read(registry.db.reader, TAX_RELAY_CHECKPOINT)).toBe(await registry.store.headPosition());
    await taxOffice.consumer.until(() => taxOffice.consumer.counts.delivered === 2 * expected.length, 60_000);
    expect(taxOffice.consumer.counts).toEqual({ delivered: 2 * expected.length, stored: expected.length, duplicates: expected.length, rejected: 0 });
    const received = taxOffice.store.received();
    expect(received.map((r) => r.event_id).sort()).toEqual([...expected].sort());
    expect(taxOffice.store.obligations()).toHaveLength(shops.length * 2);
  });
});
