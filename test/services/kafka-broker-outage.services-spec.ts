import { isTaxOfficeEvent } from '@registry/obligations';
import { aReport, aSeller, goods } from '../api/obligations.suite';
import { createPostgresDatabase } from '../support/databases';
import { ScratchBroker, startTaxOffice, uniqueTopicPrefix } from '../support/kafka';
import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(240_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A broker of its own (a second kafka.sh instance on another port) is stopped while platforms keep
 * reporting, and started again: the registry keeps accepting reports, the relay retries with
 * backoff and shows it, and afterwards every event has arrived, each seller's in order, none lost.
 */
describe('the broker stopped while obligations are produced, then started again', () => {
  const broker = new ScratchBroker(Number(process.env.TEST_KAFKA_SCRATCH_PORT ?? 19092));
  const prefix = uniqueTopicPrefix('outage');
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let registry: RunningRegistry;
  let taxOffice: Awaited<ReturnType<typeof startTaxOffice>>;

  beforeAll(async () => {
    await broker.start(true);
    database = await createPostgresDatabase();
    registry = await startRegistry({ DATABASE_URL: database.url, REGISTRY_KAFKA_BROKERS: broker.brokers, REGISTRY_KAFKA_TOPIC_PREFIX: prefix });
    taxOffice = await startTaxOffice(broker.brokers, prefix);
  });
  afterAll(async () => {
    await taxOffice?.close();
    await registry?.close();
    await database?.drop();
    await broker.remove();
  });

  it('delivers every event once the broker is back, in order per seller, and none is lost', async () => {
    const platform = registry.key('demo-platform');
    const post = (path: string, body: object) => registry.http().post(path).set('x-api-key', platform).send(body);
    const shops = Array.from({ length: 8 }, (_, i) => `outage-${i}`);
    for (const [i, shopId] of shops.entries()) {
      // Two shops per seller: their events share a key, and a yearly figure.
      await post('/platform/shops', aSeller(shopId, { nationalId: `07919000030${Math.floor(i / 2)}` })).expect(201);
    }
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`).slice(6);

    // Platforms report throughout; past the first round every report is a correction. A failed
    // report stops the loop and fails the test where it is awaited, never as a stray rejection.
    let producing = true;
    let accepted = 0;
    const production = (async () => {
      for (let round = 0; producing; round++) {
        const month = months[round % months.length];
        const reports = shops.map((shopId, i) => aReport(shopId, month, [goods(1_000_000 * (round + 1) + i, 0, 10_000 * (round + 1), 0)]));
        const response = await post('/platform/sales-reports/bulk', { reports }).expect(200);
        accepted += response.body.counts.reported + response.body.counts.corrected;
        await sleep(200);
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    const stopProducing = async () => {
      producing = false;
      const failure = await production;
      if (failure) throw failure;
    };

    try {
      await taxOffice.consumer.until(() => taxOffice.consumer.counts.stored >= 40, 60_000);
      await broker.stop();
      const acceptedWhenStopped = accepted;
      await waitFor(async () => (await relayStatus()).consecutiveFailures > 0, 60_000);
      await sleep(3000);
      const down = await relayStatus();
      expect(down).toMatchObject({ status: 'up', state: 'retrying' });
      expect(down.lastError).toEqual(expect.any(String));
      expect(accepted).toBeGreaterThan(acceptedWhenStopped); // reports are accepted while the broker is down

      await broker.start();
      await sleep(3000);
    } finally {
      // However the steps above end, the reporting loop ends with them.
      producing = false;
    }
    await stopProducing();
    await registry.settle(); // the operator figures too

    const expected = (await registry.store.readAll(1, 1_000_000)).filter(isTaxOfficeEvent).map((e) => e.id);
    await taxOffice.consumer.until(() => taxOffice.consumer.counts.stored === expected.length, 120_000);
    const received = taxOffice.store.received();
    expect(received.map((r) => r.event_id).sort()).toEqual([...expected].sort());

    const byKey = new Map<string, string[]>();
    for (const message of received)
      byKey.set(`${message.topic} ${message.kafka_key}`, [...(byKey.get(`${message.topic} ${message.kafka_key}`) ?? []), message.sequence]);
    expect(byKey.size).toBe(16); // 4 sellers × 3 topics, and the 4 operators (a seller's two shops are one operator)
    for (const [key, sequences] of byKey) expect([key, sequences]).toEqual([key, [...sequences].sort()]);

    const after = await relayStatus();
    expect(after).toMatchObject({ state: 'running', lag: 0, consecutiveFailures: 0 });
    expect(after.failures).toBeGreaterThan(0);
    const metrics = await registry.http().get('/metrics').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
    expect(Number(/^registry_tax_relay_failures_total (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThan(0);
  });

  async function relayStatus() {
    const response = await registry.http().get('/health/ready').set('x-api-key', registry.key('bootstrap-admin'));
    return response.body.details['tax-relay'] ?? response.body.error['tax-relay'];
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(200);
  }
}
