import { InboundMessage, MessageBroker } from '@registry/obligations/delivery/message-broker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObligationStore } from './obligation-store';
import { TaxOfficeConsumer } from './tax-office-consumer';

/** A broker that hands the consumer the given messages, in order, when it starts. */
const brokerDelivering = (messages: InboundMessage[]): MessageBroker => ({
  publisher: () => {
    throw new Error('the consumer publishes nothing');
  },
  subscriber: () => ({
    start: async (handler) => {
      for (const message of messages) await handler(message);
    },
    stop: async () => undefined,
  }),
});

const assessed = (id: string, offset: string): InboundMessage => ({
  topic: 'tax.obligations.v1',
  partition: 0,
  offset,
  key: 'shop:demo-platform:s1',
  headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
  value: JSON.stringify({
    specversion: '1.0',
    id,
    type: 'vn.seller-registry.tax.obligation-assessed.v1',
    subject: 'shops/demo-platform/s1/2025-08/goods',
    partitionkey: 'shop:demo-platform:s1',
    sequence: '00000000000000000042',
    time: '2025-09-01T00:00:00.000Z',
    data: {
      platformId: 'demo-platform',
      shopId: 's1',
      month: '2025-08',
      category: 'goods',
      reportId: 'r-1',
      attributionKey: 'shop:demo-platform:s1',
      identified: false,
      base: '1000000',
      vat: { ratePercent: '1', due: '10000', withheld: '10000', shortfall: '0' },
      pit: { ratePercent: '0.5', due: '5000', withheld: '5000', shortfall: '0' },
      ruleVersion: 'VN-ND117-2025',
      dueDate: '2025-09-20',
      withdrawn: false,
    },
  }),
});

describe('the sample tax-office consumer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tax-consumer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('logs one line per event: stored, or a redelivered duplicate dropped', async () => {
    const lines: Record<string, unknown>[] = [];
    const store = new ObligationStore(join(dir, 'tax.sqlite'));
    const consumer = new TaxOfficeConsumer({
      broker: brokerDelivering([assessed('e-1', '7'), assessed('e-1', '8')]),
      groupId: 'tax-office',
      topics: ['tax.obligations.v1'],
      store,
      log: (line) => lines.push(line),
    });

    await consumer.start();
    store.close();

    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'stored',
        id: 'e-1',
        type: 'vn.seller-registry.tax.obligation-assessed.v1',
        subject: 'shops/demo-platform/s1/2025-08/goods',
        offset: '7',
      }),
      expect.objectContaining({ msg: 'duplicate, dropped', id: 'e-1', offset: '8' }),
    ]);
  });
});
