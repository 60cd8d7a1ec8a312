/**
 * `npm run bench:relay`: delivery of tax obligations to a local Kafka broker. Not a test: it prints
 * figures. Needs a broker (test/kafka/kafka.sh start; BENCH_KAFKA_BROKERS, default 127.0.0.1:9092).
 *
 * 1. Relay throughput. A fresh SQLite store is filled with the events of BENCH_RELAY_REPORTS sales
 *    reports (assessed by the domain, the seller's tax id sealed as in the service); then the relay
 *    publishes the tax-office events from position 0 (idempotent producer, acks from all in-sync
 *    replicas, checkpoint moved after each acknowledgement) and the time until it caught up gives
 *    events/s. For scale, kafkajs alone sends the same documents in the same batches.
 * 2. End-to-end lag. The registry runs as `npm start` runs it (embedded SQLite, relay to the broker)
 *    in a child process; BENCH_E2E_RATE reports/s (default 1,000) arrive for BENCH_E2E_SECONDS
 *    (default 30) as bulk requests every BENCH_E2E_TICK_MS (default 100); a consumer-group member
 *    in this process takes the ObligationAssessed messages. Lag = consumed − the event's recorded
 *    time (the report's commit: accepted), and, from the client's side, consumed − request sent.
 * Peak RSS of the registry (VmHWM) and of this process are reported.
 */
import { AppendSignal, SqlDatabase, SqlEventStore, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import { TAX_TOPICS, TaxEventLog, TaxEventRelay, obligationsPersonalFields, toTaxCloudEvent, isTaxOfficeEvent, keyOf, topicOf, CLOUD_EVENTS_CONTENT_TYPE } from '@registry/obligations';
import { RuleTableJson, SalesEvent, parseRuleTable, salesDecider, salesStream } from '@registry/obligations/domain';
import { KafkaJsBroker } from '@registry/obligations/delivery/kafkajs/kafkajs-broker';
import { readApiKeyFile } from '@registry/platform/auth';
import { DataKeyStore, PersonalDataCodec, newMasterKey, privacyMigrations } from '@registry/privacy';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import shipped from '../../libs/obligations/rules/withholding-rules.json';
import { aReport, aSeller, goods } from '../api/obligations.suite';

const ROOT = resolve(__dirname, '../..');
const BROKERS = process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092';
const RELAY_REPORTS = Number(process.env.BENCH_RELAY_REPORTS ?? 25_000);
const RELAY_BATCH = Number(process.env.BENCH_RELAY_BATCH ?? 2000);
const E2E_RATE = Number(process.env.BENCH_E2E_RATE ?? 1000);
const E2E_SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 30);
const E2E_TICK_MS = Number(process.env.BENCH_E2E_TICK_MS ?? 100);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

const progress = (message: string) => process.stderr.write(`[bench:relay] ${message}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const prefix = `bench.${Date.now().toString(36)}.`;
const topicsOf = (p: string) => Object.values(TAX_TOPICS).map((name) => ({ name: p + name, partitions: 3, replicationFactor: -1 }));

let peakRssKb = 0;
const sampleRss = setInterval(() => (peakRssKb = Math.max(peakRssKb, process.memoryUsage().rss / 1024)), 200);

// ---------------------------------------------------------------------------------------------
// 1. Relay throughput

async function relayThroughput(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const db = await SqlDatabase.open({ dialect: 'sqlite', file: join(dir, 'registry.sqlite') }, { migrations: [...eventStoreMigrations, ...privacyMigrations] });
  const keyring = { masterKeys: [newMasterKey()], indexKey: randomBytes(32), file: null };
  const signal = new AppendSignal();
  const store = new SqlEventStore(db, signal, new PersonalDataCodec(new DataKeyStore(db, keyring), obligationsPersonalFields));
  const rules = parseRuleTable(shipped as RuleTableJson);
  const metadata = { correlationId: 'bench', causationId: null, principal: 'platform:bench' };

  progress(`seeding ${fmt(RELAY_REPORTS)} assessed sales reports …`);
  const seeded = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < RELAY_REPORTS; i++) {
    const shopId = `shop-${i % 5000}`;
    const month = `2025-${String(7 + Math.floor(i / 5000) % 6).padStart(2, '0')}`;
    const events: SalesEvent[] = salesDecider.decide(
      {
        type: 'ReportSales',
        reportId: timeOrderedId(),
        platformId: 'bench',
        shopId,
        month,
        sellerResident: true,
        lines: [
          { category: 'goods', grossRevenue: 120_000_000n + BigInt(i), cancellationsAndReturns: 2_000_000n, vatWithheld: 1_000_000n, pitWithheld: 590_000n },
          { category: 'services', grossRevenue: 10_000_000n, cancellationsAndReturns: 0n, vatWithheld: 500_000n, pitWithheld: 200_000n },
        ],
        corrects: null,
        seller: { identified: true, taxId: { nationalId: `0010900${String(i % 5000).padStart(5, '0')}` } },
        attributionKey: `tin:bench-${i % 5000}`,
        rules,
        now: new Date(),
      },
      salesDecider.initialState(),
    );
    appends.push(store.append(salesStream('bench', shopId, month), events.map((e) => ({ id: timeOrderedId(), type: e.type, data: e.data, metadata })), 'no_stream'));
    if (appends.length === 1000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const head = await store.headPosition();
  const all = await store.readAll(1, head);
  const taxEvents = all.filter(isTaxOfficeEvent);
  progress(`seeded ${fmt(head)} events (${fmt(taxEvents.length)} for the tax office) in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  // kafkajs alone: the same documents, the same batches, the same producer settings.
  const messages = taxEvents.map((event) => ({
    topic: prefix + 'raw.' + topicOf(event),
    key: keyOf(event),
    value: JSON.stringify(toTaxCloudEvent(event)),
    headers: { 'content-type': CLOUD_EVENTS_CONTENT_TYPE },
  }));
  const raw = new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-raw' }).publisher(topicsOf(prefix + 'raw.'));
  await raw.connect();
  const rawStarted = performance.now();
  for (let i = 0; i < messages.length; i += RELAY_BATCH) await raw.publish(messages.slice(i, i + RELAY_BATCH));
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await raw.disconnect();

  const relay = new TaxEventRelay(new TaxEventLog(store, db), db, new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-relay' }).publisher(topicsOf(prefix)), signal, {
    name: 'tax-relay',
    topicPrefix: prefix,
    batchSize: RELAY_BATCH,
  });
  const started = performance.now();
  await relay.start();
  for (;;) {
    const status = await relay.status();
    if (status.lag === 0) break;
    if (status.consecutiveFailures > 3) throw new Error(`the relay fails: ${status.lastError}`);
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const status = await relay.status();
  await relay.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    'events in the log': fmt(head),
    'tax-office events published': fmt(status.published),
    'relay batch (events read per acknowledgement)': fmt(RELAY_BATCH),
    'relay: log → broker, acknowledged and marked': `${seconds.toFixed(2)} s, ${fmt(status.published / seconds)} events/s`,
    'kafkajs alone, same documents and batches': `${rawSeconds.toFixed(2)} s, ${fmt(messages.length / rawSeconds)} messages/s`,
    'relay / kafkajs alone': (rawSeconds / seconds).toFixed(2),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. End-to-end lag

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

function vmHwmKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return match ? Number(match[1]) : 0;
}

async function startRegistry(topicPrefix: string): Promise<{ child: ChildProcess; url: string; dataDir: string; output: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-bench-registry-'));
  const port = await freePort();
  // From the sources (ts-node, no type check): no build, so dist/ of a concurrent run is left alone.
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/registry/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_PROJECT: 'tsconfig.json',
      REGISTRY_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REGISTRY_KAFKA_BROKERS: BROKERS,
      REGISTRY_KAFKA_TOPIC_PREFIX: topicPrefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the registry exited: ${output.join('')}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the registry was not ready in 60 s: ${output.join('')}`);
    await sleep(200);
  }
  return { child, url, dataDir, output };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function endToEndLag(): Promise<Record<string, string>> {
  const topicPrefix = `${prefix}e2e.`;
  const registry = await startRegistry(topicPrefix);
  progress(`registry pid ${registry.child.pid} ready on ${registry.url}`);
  const key = readApiKeyFile(registry.dataDir).principals.find((p) => p.principalId === 'demo-platform')!.apiKey;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${registry.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };

  const total = E2E_RATE * E2E_SECONDS;
  const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  const shopCount = Math.ceil(total / months.length);
  progress(`registering ${fmt(shopCount)} shops …`);
  for (let start = 0; start < shopCount; start += 2000) {
    const shops = Array.from({ length: Math.min(2000, shopCount - start) }, (_, i) =>
      aSeller(`e2e-${start + i}`, { nationalId: `0010900${String((start + i) % 100_000).padStart(5, '0')}` }),
    );
    await post('/platform/shops/bulk', { shops });
  }

  const consumedAt = new Map<string, number>();
  const recordedAt = new Map<string, number>();
  const consumer = new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-tax-office' }).subscriber({
    groupId: `${topicPrefix}tax-office`,
    topics: [topicPrefix + TAX_TOPICS.obligations],
  });
  await consumer.start(async (message) => {
    const now = Date.now();
    const event = JSON.parse(message.value!);
    if (!event.type.endsWith('obligation-assessed.v1') || consumedAt.has(event.data.reportId)) return;
    consumedAt.set(event.data.reportId, now);
    recordedAt.set(event.data.reportId, Date.parse(event.time));
  });

  const perTick = Math.round((E2E_RATE * E2E_TICK_MS) / 1000);
  const sentAt = new Map<string, number>();
  progress(`offering ${fmt(E2E_RATE)} reports/s for ${E2E_SECONDS} s (${perTick} per bulk request every ${E2E_TICK_MS} ms) …`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let accepted = 0;
  for (let tick = 0, next = 0; next < total; tick++) {
    const due = started + tick * E2E_TICK_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const reports = Array.from({ length: Math.min(perTick, total - next) }, (_, i) => {
      const n = next + i;
      return aReport(`e2e-${n % shopCount}`, months[Math.floor(n / shopCount)], [goods(100_000_000 + n, 0, 1_000_000, 500_000)]);
    });
    next += reports.length;
    const sent = Date.now();
    inFlight.push(
      post('/platform/sales-reports/bulk', { reports }).then((body) => {
        for (const result of body.results as { status: string; report?: { reportId: string } }[]) {
          if (result.report) {
            sentAt.set(result.report.reportId, sent);
            accepted++;
          }
        }
      }),
    );
  }
  await Promise.all(inFlight);
  const offeredSeconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 120_000;
  while (consumedAt.size < accepted && Date.now() < deadline) await sleep(100);
  const drainedSeconds = (performance.now() - started) / 1000;
  await consumer.stop();
  const registryPeakKb = vmHwmKb(registry.child.pid!);
  registry.child.kill('SIGTERM');
  await new Promise((done) => registry.child.once('exit', done));
  rmSync(registry.dataDir, { recursive: true, force: true });

  const fromCommit = [...consumedAt].map(([id, at]) => at - recordedAt.get(id)!).sort((a, b) => a - b);
  const fromRequest = [...consumedAt].filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!).sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    'reports offered / accepted': `${fmt(total)} / ${fmt(accepted)} in ${offeredSeconds.toFixed(1)} s (${fmt(accepted / offeredSeconds)} reports/s)`,
    'ObligationAssessed consumed': `${fmt(consumedAt.size)} (all by ${drainedSeconds.toFixed(1)} s)`,
    'lag, report committed → consumed: p50 / p99 / max': `${percentile(fromCommit, 50)} / ${percentile(fromCommit, 99)} / ${fromCommit[fromCommit.length - 1]} ms`,
    'lag, bulk request sent → consumed: p50 / p99 / max': `${percentile(fromRequest, 50)} / ${percentile(fromRequest, 99)} / ${fromRequest[fromRequest.length - 1]} ms`,
    'registry peak RSS (VmHWM)': `${fmt(registryPeakKb / 1024)} MiB`,
    'bench process CPU (load generator + consumer)': `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  };
}

async function main(): Promise<void> {
  const results: Record<string, Record<string, string>> = {};
  if (!SKIP.has('relay')) results['relay throughput (SQLite store → local broker)'] = await relayThroughput();
  if (!SKIP.has('e2e')) results[`end-to-end lag at ${fmt(E2E_RATE)} reports/s`] = await endToEndLag();
  clearInterval(sampleRss);
  results['this process'] = { 'peak RSS (sampled)': `${fmt(peakRssKb / 1024)} MiB` };
  for (const [title, rows] of Object.entries(results)) {
    process.stdout.write(`\n${title}\n`);
    const width = Math.max(...Object.keys(rows).map((k) => k.length));
    for (const [name, value] of Object.entries(rows)) process.stdout.write(`  ${name.padEnd(width)}  ${value}\n`);
  }
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
