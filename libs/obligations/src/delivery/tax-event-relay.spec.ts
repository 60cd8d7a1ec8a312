import { AppendSignal, Processor, SqlDatabase, SqlEventStore, checkpoints, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import { openTemporarySqlite } from '../../../../test/support/databases';
import shipped from '../../rules/withholding-rules.json';
import { RuleTableJson, parseRuleTable, salesDecider, salesStream } from '../domain';
import { TaxEventLog } from '../tax-events/tax-event-log';
import { MessagePublisher, OutboundMessage } from './message-broker';
import { TaxEventRelay, TaxEventRelayOptions } from './tax-event-relay';

jest.setTimeout(30_000);

/** The broker side of the port, in memory: what it acknowledged, and failures on demand. */
class RecordingPublisher implements MessagePublisher {
  readonly acknowledged: OutboundMessage[] = [];
  failNext = 0;
  connects = 0;

  async connect() {
    this.connects++;
  }
  async publish(messages: readonly OutboundMessage[]) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
    }
    this.acknowledged.push(...messages);
  }
  async disconnect() {}
}

const rules = parseRuleTable(shipped as RuleTableJson);
const metadata = { correlationId: 'c', causationId: null, principal: 'platform:p' };

describe('the tax relay (the event log as the outbox)', () => {
  let db: SqlDatabase;
  let store: SqlEventStore;
  let signal: AppendSignal;
  const processors: Processor[] = [];

  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: eventStoreMigrations });
    signal = new AppendSignal();
    store = new SqlEventStore(db, signal);
  });
  afterEach(async () => {
    await Promise.all(processors.splice(0).map((p) => p.stop()));
    await db.close();
  });

  /** A report for each shop: SalesReported (not for the tax office), ObligationAssessed, a shortfall for odd shops. */
  async function report(shops: number, month = '2025-08') {
    for (let i = 0; i < shops; i++) {
      const events = salesDecider.decide(
        {
          type: 'ReportSales',
          reportId: timeOrderedId(),
          platformId: 'p',
          shopId: `s${i}`,
          month,
          sellerResident: true,
          lines: [{ category: 'goods', grossRevenue: 1_000_000n, cancellationsAndReturns: 0n, vatWithheld: i % 2 ? 0n : 10_000n, pitWithheld: 5_000n }],
          corrects: null,
          seller: { identified: false, reason: 'none' },
          attributionKey: `shop:p:s${i % 3}`,
          rules,
          now: new Date('2026-01-01T00:00:00Z'),
        },
        salesDecider.initialState(),
      );
      await store.append(
        salesStream('p', `s${i}`, month),
        events.map((e) => ({ id: timeOrderedId(), type: e.type, data: e.data, metadata })),
        'no_stream',
      );
    }
  }

  const taxEventIds = async () => (await store.readAll(1, 10_000)).filter((e) => e.type !== 'SalesReported').map((e) => e.id);

  /** The relay registered with a processor of its own, as the registry runs it. */
  function relay(
    publisher: MessagePublisher,
    { observer, ...options }: Partial<TaxEventRelayOptions> & { observer?: { failed(error: unknown, consecutive: number): void } } = {},
  ) {
    const reactor = new TaxEventRelay(new TaxEventLog(store), db, publisher, {
      name: 'tax-relay',
      topicPrefix: 't.',
      publicUrl: 'https://registry.example.vn',
      batchSize: 4,
      pollIntervalMs: 20,
      backoff: { initialMs: 10, maxMs: 40 },
      ...options,
    });
    const processor = new Processor(store, db, [reactor], { signal, onError: (_, error, consecutive) => observer?.failed(error, consecutive) });
    processors.push(processor);
    return {
      start: () => processor.start(),
      close: () => processor.stop(),
      status: async () => (await processor.reactorStatus())[0],
    };
  }

  async function caughtUp(subject: ReturnType<typeof relay>) {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      if ((await subject.status()).lag === 0) return;
    }
    throw new Error(`not caught up: ${JSON.stringify(await subject.status())}`);
  }

  it('publishes every tax-office event once, in log order, keyed by attribution, and marks its checkpoint at the head', async () => {
    await report(9);
    const publisher = new RecordingPublisher();
    const subject = relay(publisher);
    await subject.start();
    await caughtUp(subject);
    const documents = publisher.acknowledged.map((m) => JSON.parse(m.value));
    expect(documents.map((d) => d.id)).toEqual(await taxEventIds());
    expect(publisher.acknowledged.every((m, i) => m.key === documents[i].data.attributionKey)).toBe(true);
    expect(new Set(publisher.acknowledged.map((m) => m.topic))).toEqual(new Set(['t.tax.obligations.v1']));
    expect(await checkpoints.read(db.reader, 'tax-relay')).toBe(await store.headPosition());
  });

  it('follows new events as they are appended', async () => {
    const publisher = new RecordingPublisher();
    const subject = relay(publisher);
    await subject.start();
    await report(2);
    await caughtUp(subject);
    expect(publisher.acknowledged.map((m) => JSON.parse(m.value).id)).toEqual(await taxEventIds());
  });

  it('retries the same batch with backoff while the broker is down, marks nothing meanwhile, and skips nothing after', async () => {
    await report(6);
    const publisher = new RecordingPublisher();
    publisher.failNext = 5;
    const failures: number[] = [];
    const subject = relay(publisher, { observer: { failed: (_, consecutive) => failures.push(consecutive) } });
    await subject.start();
    for (let deadline = Date.now() + 5000; failures.length < 3 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 5));
    expect(await subject.status()).toMatchObject({ state: 'retrying', checkpoint: 0, lastError: 'Error: KafkaJSConnectionError: connect ECONNREFUSED' });
    expect(await checkpoints.read(db.reader, 'tax-relay')).toBe(0);
    await caughtUp(subject);
    expect(failures).toEqual([1, 2, 3, 4, 5]);
    expect(publisher.connects).toBe(6); // a fresh producer after every failure
    expect(publisher.acknowledged.map((m) => JSON.parse(m.value).id)).toEqual(await taxEventIds());
    expect(await subject.status()).toMatchObject({ state: 'running', failures: 5, consecutiveFailures: 0 });
  });

  it('dying between the acknowledgement and the mark leaves the batch owed: the next relay publishes it again with the same ids', async () => {
    await report(3);
    const first = new RecordingPublisher();
    const dying = relay(first, {
      batchSize: 100,
      hooks: {
        afterAcknowledged: () => {
          throw new Error('killed');
        },
      },
    });
    await dying.start();
    for (let deadline = Date.now() + 5000; first.acknowledged.length === 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 5));
    await dying.close();
    expect(await checkpoints.read(db.reader, 'tax-relay')).toBe(0);

    const second = new RecordingPublisher();
    const restarted = relay(second, { batchSize: 100 });
    await restarted.start();
    await caughtUp(restarted);
    const ids = (p: RecordingPublisher) => p.acknowledged.map((m) => JSON.parse(m.value).id);
    expect(ids(second)).toEqual(await taxEventIds());
    expect(ids(first).slice(0, ids(second).length)).toEqual(ids(second));
  });

  it('goes on from the mark of another relay (a second projector) that marked the same batch first', async () => {
    await report(4);
    const head = await store.headPosition();
    const publisher = new RecordingPublisher();
    const subject = relay(publisher, {
      batchSize: 100,
      hooks: {
        // The other relay marks while this one waits for its acknowledgement.
        afterAcknowledged: async ({ to }) => {
          if ((await checkpoints.read(db.reader, 'tax-relay')) === 0) await db.write((tx) => checkpoints.advance(tx, 'tax-relay', 0, to));
        },
      },
    });
    await subject.start();
    await caughtUp(subject);
    expect(await subject.status()).toMatchObject({ checkpoint: head, failures: 0 });
    expect(publisher.acknowledged).toHaveLength((await taxEventIds()).length);
  });
});
