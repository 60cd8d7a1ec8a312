import { isTaxOfficeEvent } from '@registry/obligations';
import { taxEventSchemas } from '@registry/obligations/testing/tax-event-schemas';
import { aReport, aSeller, goods } from '../api/obligations.suite';
import { createPostgresDatabase } from '../support/databases';
import { KAFKA_BROKERS, startTaxOffice, uniqueTopicPrefix } from '../support/kafka';
import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(120_000);

/**
 * End to end: the registry on PostgreSQL with its relay, the real broker, and the sample
 * tax-office consumer (apps/tax-consumer) in a consumer group of its own.
 */
describe('tax obligations delivered through Kafka to the tax office', () => {
  const prefix = uniqueTopicPrefix('delivery');
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let registry: RunningRegistry;
  let taxOffice: Awaited<ReturnType<typeof startTaxOffice>>;
  const schemas = taxEventSchemas();

  beforeAll(async () => {
    database = await createPostgresDatabase();
    registry = await startRegistry({ DATABASE_URL: database.url, REGISTRY_KAFKA_BROKERS: KAFKA_BROKERS, REGISTRY_KAFKA_TOPIC_PREFIX: prefix });
    taxOffice = await startTaxOffice(KAFKA_BROKERS, prefix);
  });
  afterAll(async () => {
    await taxOffice?.close();
    await registry?.close();
    await database?.drop();
  });

  const taxEventIds = async () => (await registry.store.readAll(1, 100_000)).filter(isTaxOfficeEvent).map((e) => e.id);

  it('hands every obligation event to the consumer once, as a CloudEvent its schema accepts, keyed by seller, in order per key', async () => {
    const platform = registry.key('demo-platform');
    const post = (path: string, body: object) => registry.http().post(path).set('x-api-key', platform).send(body);
    const shops = ['kd-a', 'kd-b', 'kd-c', 'kd-anon'];
    await post('/platform/shops', aSeller('kd-a', { taxCode: '0100233488' })).expect(201);
    await post('/platform/shops', aSeller('kd-b', { taxCode: '0100233488' })).expect(201);
    await post('/platform/shops', aSeller('kd-c', { nationalId: '079190000127' })).expect(201);
    await post('/platform/shops', aSeller('kd-anon', { verified: false, nationalId: '079190000128' })).expect(201);
    for (const month of ['2025-07', '2025-08', '2025-09']) {
      const reports = shops.map((shopId, i) => aReport(shopId, month, [goods(10_000_000 * (i + 1), 0, 100_000 * (i + 1), i === 2 ? 0 : 50_000 * (i + 1))]));
      await post('/platform/sales-reports/bulk', { reports }).expect(200);
    }
    const corrected = await post('/platform/sales-reports', aReport('kd-a', '2025-08', [goods(5_000_000, 0, 50_000, 25_000)])).expect(201);

    await registry.settle(); // the operator figures too
    const expected = await taxEventIds();
    await taxOffice.consumer.until(() => taxOffice.consumer.counts.stored >= expected.length, 60_000);
    const received = taxOffice.store.received();
    expect(received.map((r) => r.event_id).sort()).toEqual([...expected].sort());
    expect(taxOffice.consumer.counts).toMatchObject({ stored: expected.length, rejected: 0 });

    for (const message of received) {
      const event = JSON.parse(message.body);
      expect([message.event_id, schemas.cloudEvent(event)]).toEqual([message.event_id, []]);
      const key = event.data.operatorId ?? event.data.attributionKey;
      expect([message.kafka_key, message.partition_key]).toEqual([key, key]);
      expect(message.content_type).toBe('application/cloudevents+json; charset=utf-8');
      const family = event.type.endsWith('annual-revenue-attributed.v1')
        ? 'annual-revenue'
        : event.type.endsWith('operator-revenue-attributed.v1')
          ? 'operator-revenue'
          : event.type.endsWith('seller-identified.v1')
            ? 'sellers'
            : 'obligations';
      expect(message.topic).toBe(`${prefix}tax.${family}.v1`);
    }
    // One key, one partition: each seller's events arrive in the order the log has them, per topic.
    const byKeyAndTopic = new Map<string, string[]>();
    for (const message of received) {
      const list = byKeyAndTopic.get(`${message.topic} ${message.kafka_key}`) ?? [];
      list.push(message.sequence);
      byKeyAndTopic.set(`${message.topic} ${message.kafka_key}`, list);
    }
    for (const [key, sequences] of byKeyAndTopic) expect([key, sequences]).toEqual([key, [...sequences].sort()]);

    // The two shops with one tax code are one seller: one key, one yearly figure.
    const keys = new Set(received.filter((r) => JSON.parse(r.body).data.shopId?.startsWith('kd-')).map((r) => r.kafka_key));
    expect(keys.size).toBe(3);
    const annual = taxOffice.store.annualRevenue().find((row) => row.attribution_key === corrected.body.attributionKey);
    // kd-a 3 × 10 M and kd-b 3 × 20 M, with kd-a's August corrected from 10 M to 5 M.
    expect(annual).toMatchObject({ year: 2025, revenue: String(3 * 10_000_000 + 3 * 20_000_000 - 10_000_000 + 5_000_000), shops: 2 });
    // The real operator's figure: here the same two shops (one tax code joins them), as its own event family keyed by operator.
    const operator = taxOffice.store.operatorRevenue().find((row) => row.operator_id === 'op:demo-platform:kd-a');
    expect(operator).toMatchObject({ year: 2025, revenue: annual!.revenue, shops: 2, platforms: 1, sellers: JSON.stringify([corrected.body.attributionKey]) });

    // Whom the key stands for, said once: the tax code the two shops' owner was verified with.
    expect(taxOffice.store.sellers().filter((row) => row.attribution_key === corrected.body.attributionKey)).toEqual([
      expect.objectContaining({ tax_code: '0100233488', national_id: null, erased: 0 }),
    ]);
    expect(received.filter((r) => r.topic === `${prefix}tax.sellers.v1` && r.kafka_key === corrected.body.attributionKey)).toHaveLength(1);

    // The consumer's obligations table holds the correction, not the report it superseded.
    const august = taxOffice.store.obligations().find((row) => row.shop_id === 'kd-a' && row.month === '2025-08');
    expect(august).toMatchObject({ report_id: corrected.body.reportId, base: '5000000', vat_due: '50000' });
  });

  it('shows the relay in readiness and metrics: caught up, what it published, no failures', async () => {
    // The consumer may hold the last batch a moment before the relay marked it.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      if ((await registry.http().get('/health/ready').set('x-api-key', registry.key('bootstrap-admin'))).body.details['tax-relay'].lag === 0) break;
    }
    const status = await registry.http().get('/health/ready').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
    expect(status.body.details['tax-relay']).toMatchObject({ status: 'up', state: 'running', lag: 0, failures: 0, published: (await taxEventIds()).length });
    const metrics = await registry.http().get('/metrics').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
    expect(metrics.text).toMatch(new RegExp(`^registry_tax_relay_published_total ${(await taxEventIds()).length}$`, 'm'));
    expect(metrics.text).toMatch(/^registry_tax_relay_lag_events 0$/m);
    expect(metrics.text).toMatch(/^registry_tax_relay_failures_total 0$/m);
  });
});
