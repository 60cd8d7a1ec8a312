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
 *    (default 30, after BENCH_E2E_WARMUP_SECONDS of the same load, default 5, not counted) as bulk
 *    requests every BENCH_E2E_TICK_MS (default 100); a consumer-group member
 *    in this process takes the ObligationAssessed messages. Lag = consumed − the event's recorded
 *    time (the report's commit: accepted), and, from the client's side, consumed − request sent.
 *    It also takes the operators' yearly figures: the lag from a report's commit to the first
 *    OperatorRevenueAttributed naming its shop recorded after it, consumed (the operator-revenue
 *    worker walks the identity graph for every shop reported).
 * Peak RSS of the registry (VmHWM) and of this process are reported.
 * BENCH_PROFILE_DIR: a V8 CPU profile of the registry and its SQLite statement timings during the offered load
 *   (read with `npm run bench:profile -- <file>`).
 * BENCH_SKIP=relay,e2e skips a part.
 */
import { AppendSignal, Processor, SqlDatabase, SqlEventStore, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import { TAX_TOPICS, TaxEventLog, TaxEventRelay, obligationsPersonalFields, toTaxKafkaMessage, isTaxOfficeEvent } from '@registry/obligations';
import { RuleTableJson, SalesEvent, parseRuleTable, salesDecider, salesStream } from '@registry/obligations/domain';
import { KafkaJsBroker } from '@registry/obligations/delivery/kafkajs/kafkajs-broker';
import { readApiKeyFile } from '../support/api-key-file';
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
const PUBLIC_URL = 'http://localhost:3000';
const E2E_RATE = Number(process.env.BENCH_E2E_RATE ?? 1000);
const E2E_SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 30);
const E2E_TICK_MS = Number(process.env.BENCH_E2E_TICK_MS ?? 100);
const E2E_WARMUP_SECONDS = Number(process.env.BENCH_E2E_WARMUP_SECONDS ?? 5);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? resolve(process.env.BENCH_PROFILE_DIR) : undefined;
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
    const month = `2025-${String(7 + (Math.floor(i / 5000) % 6)).padStart(2, '0')}`;
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
    appends.push(
      store.append(
        salesStream('bench', shopId, month),
        events.map((e) => ({ id: timeOrderedId(), type: e.type, data: e.data, metadata })),
        'no_stream',
      ),
    );
    if (appends.length === 1000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  const head = await store.headPosition();
  const all = await store.readAll(1, head);
  const taxEvents = all.filter(isTaxOfficeEvent);
  progress(`seeded ${fmt(head)} events (${fmt(taxEvents.length)} for the tax office) in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  // kafkajs alone: the same documents, the same batches, the same producer settings.
  const messages = taxEvents.map((event) => toTaxKafkaMessage(event, PUBLIC_URL, `${prefix}raw.`));
  const raw = new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-raw' }).publisher(topicsOf(`${prefix}raw.`));
  await raw.connect();
  const rawStarted = performance.now();
  for (let i = 0; i < messages.length; i += RELAY_BATCH) await raw.publish(messages.slice(i, i + RELAY_BATCH));
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await raw.disconnect();

  const relay = new TaxEventRelay(
    new TaxEventLog(store),
    db,
    new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-relay' }).publisher(topicsOf(prefix)),
    {
      name: 'tax-relay',
      topicPrefix: prefix,
      publicUrl: PUBLIC_URL,
      batchSize: RELAY_BATCH,
    },
  );
  const processor = new Processor(store, db, [relay], { signal });
  const relayStatus = async () => (await processor.reactorStatus())[0];
  const started = performance.now();
  await processor.start();
  for (;;) {
    const status = await relayStatus();
    if (status.lag === 0) break;
    if (status.consecutiveFailures > 3) throw new Error(`the relay fails: ${status.lastError}`);
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const status = await relayStatus();
  await processor.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    'events in the log': fmt(head),
    'tax-office events published': fmt(Number(status.published)),
    'relay batch (events read per acknowledgement)': fmt(RELAY_BATCH),
    'relay: log → broker, acknowledged and marked': `${seconds.toFixed(2)} s, ${fmt(Number(status.published) / seconds)} events/s`,
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

/** User + system CPU seconds a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

function vmHwmKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return match ? Number(match[1]) : 0;
}

interface RegistryProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly output: string[];
}

/** Every registry process started, so that none outlives the benchmark when it fails. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

async function startRegistry(topicPrefix: string): Promise<RegistryProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-bench-registry-'));
  const port = await freePort();
  // From the sources (ts-node, no type check): no build, so dist/ of a concurrent run is left alone.
  const nodeArgs = PROFILE_DIR ? ['-r', join(__dirname, 'cpu-profile-hook.js')] : [];
  const child = spawn(process.execPath, [...nodeArgs, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/registry/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_PROJECT: 'tsconfig.json',
      REGISTRY_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REGISTRY_KAFKA_BROKERS: BROKERS,
      REGISTRY_KAFKA_TOPIC_PREFIX: topicPrefix,
      BENCH_PROFILE_DIR: PROFILE_DIR ?? '',
    },
    stdio: PROFILE_DIR ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the registry exited: ${output.join('')}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the registry was not ready in 60 s: ${output.join('')}`);
    await sleep(200);
  }
  return { child, url, dataDir, output };
}

/** Starts or stops the CPU profile of the registry (test/bench/cpu-profile-hook.js); the file written, on stop. */
async function profile(child: ChildProcess, message: 'profile:start' | 'profile:stop'): Promise<string | undefined> {
  if (!PROFILE_DIR) return undefined;
  const answer = new Promise<{ profile: string }>((done) => child.once('message', (m) => done(m as { profile: string })));
  child.send(message);
  return (await answer).profile;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function endToEndLag(): Promise<Record<string, string>> {
  const topicPrefix = `${prefix}e2e.`;
  const registry = await startRegistry(topicPrefix);
  progress(`registry pid ${registry.child.pid} ready on ${registry.url}`);
  const key = readApiKeyFile(registry.dataDir).principals.find((p) => p.principalId === 'demo-platform')!.apiKey;
  const adminKey = readApiKeyFile(registry.dataDir).principals.find((p) => p.principalId === 'bootstrap-admin')!.apiKey;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${registry.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}\n${registry.output.slice(-5).join('')}`);
    return response.json() as Promise<Record<string, unknown>>;
  };

  const total = E2E_RATE * E2E_SECONDS;
  const warmup = E2E_RATE * E2E_WARMUP_SECONDS;
  const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  const shopCount = Math.ceil((warmup + total) / months.length);
  progress(`registering ${fmt(shopCount)} shops …`);
  for (let start = 0; start < shopCount; start += 2000) {
    const shops = Array.from({ length: Math.min(2000, shopCount - start) }, (_, i) =>
      aSeller(`e2e-${start + i}`, { nationalId: `0010900${String((start + i) % 100_000).padStart(5, '0')}` }),
    );
    await post('/platform/shops/bulk', { shops });
  }

  // The registrations' events go through the projections first: the load starts on a settled registry.
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
    const ready = (await (await fetch(`${registry.url}/health/ready`, { headers: { 'x-api-key': adminKey } })).json()) as {
      details: { projections?: Record<string, { lag: number }>; 'tax-relay'?: { lag: number } };
    };
    const lags = [...Object.values(ready.details.projections ?? {}).map((p) => p.lag), ready.details['tax-relay']?.lag ?? 0];
    if (lags.every((lag) => lag === 0)) break;
  }
  const consumedAt = new Map<string, number>();
  const recordedAt = new Map<string, number>();
  const shopOf = new Map<string, string>();
  /** Per shop, the operator figures that named it: when the registry recorded each, and when it was consumed. */
  const operatorFigures = new Map<string, { recorded: number; consumed: number }[]>();
  const consumer = new KafkaJsBroker({ brokers: BROKERS.split(','), clientId: 'bench-tax-office' }).subscriber({
    groupId: `${topicPrefix}tax-office`,
    topics: [topicPrefix + TAX_TOPICS.obligations, topicPrefix + TAX_TOPICS.operatorRevenue],
  });
  await consumer.start(async (message) => {
    const now = Date.now();
    const event = JSON.parse(message.value!);
    if (event.type.endsWith('operator-revenue-attributed.v1')) {
      for (const member of event.data.members as { shopId: string }[]) {
        operatorFigures.set(member.shopId, [...(operatorFigures.get(member.shopId) ?? []), { recorded: Date.parse(event.time), consumed: now }]);
      }
      return;
    }
    if (!event.type.endsWith('obligation-assessed.v1') || consumedAt.has(event.data.reportId)) return;
    consumedAt.set(event.data.reportId, now);
    recordedAt.set(event.data.reportId, Date.parse(event.time));
    shopOf.set(event.data.reportId, event.data.shopId);
  });

  const perTick = Math.round((E2E_RATE * E2E_TICK_MS) / 1000);
  /** Reports `first` … `first + count - 1` at the rate, as bulk requests; the accepted ones with the time their request was sent. */
  const offer = async (first: number, count: number) => {
    const sentAt = new Map<string, number>();
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let tick = 0, next = 0; next < count; tick++) {
      const wait = started + tick * E2E_TICK_MS - performance.now();
      if (wait > 0) await sleep(wait);
      const reports = Array.from({ length: Math.min(perTick, count - next) }, (_, i) => {
        const n = first + next + i;
        return aReport(`e2e-${n % shopCount}`, months[Math.floor(n / shopCount)], [goods(100_000_000 + n, 0, 1_000_000, 500_000)]);
      });
      next += reports.length;
      const sent = Date.now();
      inFlight.push(
        post('/platform/sales-reports/bulk', { reports }).then((body) => {
          for (const result of body.results as { report?: { reportId: string } }[]) if (result.report) sentAt.set(result.report.reportId, sent);
        }),
      );
    }
    await Promise.all(inFlight);
    for (const deadline = Date.now() + 120_000; [...sentAt.keys()].some((id) => !consumedAt.has(id)) && Date.now() < deadline;) await sleep(100);
    return { sentAt, seconds: (performance.now() - started) / 1000 };
  };

  // A fresh process runs slower until V8 has optimised it, and the consumer has to join its group: warm both up.
  progress(`warming up: ${fmt(E2E_RATE)} reports/s for ${E2E_WARMUP_SECONDS} s …`);
  await offer(0, warmup);
  progress(`offering ${fmt(E2E_RATE)} reports/s for ${E2E_SECONDS} s (${perTick} per bulk request every ${E2E_TICK_MS} ms) …`);
  await profile(registry.child, 'profile:start');
  const cpuBefore = process.cpuUsage();
  const registryCpuBefore = cpuSeconds(registry.child.pid!);
  const startedAt = Date.now();
  const started = performance.now();
  const { sentAt } = await offer(warmup, total);
  const accepted = sentAt.size;
  const offeredSeconds = (performance.now() - started) / 1000;
  const measured = [...sentAt.keys()].filter((id) => consumedAt.has(id));
  const drainedSeconds = (Math.max(...measured.map((id) => consumedAt.get(id)!)) - startedAt) / 1000;
  const registryCpu = cpuSeconds(registry.child.pid!) - registryCpuBefore;
  const profileFile = await profile(registry.child, 'profile:stop');
  if (profileFile) progress(`CPU profile of the registry: ${profileFile}`);
  await consumer.stop();
  const registryPeakKb = vmHwmKb(registry.child.pid!);
  registry.child.kill('SIGTERM');
  await new Promise((done) => registry.child.once('exit', done));
  rmSync(registry.dataDir, { recursive: true, force: true });

  const windows = new Map<number, number[]>();
  for (const id of measured) {
    const at = consumedAt.get(id)!;
    const second = Math.floor((recordedAt.get(id)! - startedAt) / 5000) * 5;
    windows.set(second, [...(windows.get(second) ?? []), at - recordedAt.get(id)!]);
  }
  for (const [second, lags] of [...windows].sort((a, b) => a[0] - b[0])) {
    lags.sort((a, b) => a - b);
    progress(`  recorded at +${second}-${second + 5} s: ${lags.length} reports, lag p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms`);
  }
  const fromCommit = measured.map((id) => consumedAt.get(id)! - recordedAt.get(id)!).sort((a, b) => a - b);
  const fromRequest = measured.map((id) => consumedAt.get(id)! - sentAt.get(id)!).sort((a, b) => a - b);
  // The operator's yearly figure that first counts a report: the first one recorded after it, for its shop.
  const toOperator = measured
    .flatMap((id) => {
      const figure = (operatorFigures.get(shopOf.get(id)!) ?? []).find((f) => f.recorded >= recordedAt.get(id)!);
      return figure ? [figure.consumed - recordedAt.get(id)!] : [];
    })
    .sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    'operator figures (OperatorRevenueAttributed) counting a report, consumed': `${fmt(toOperator.length)} of ${fmt(measured.length)} reports`,
    'lag, report committed → its operator figure consumed: p50 / p99 / max': `${percentile(toOperator, 50)} / ${percentile(toOperator, 99)} / ${toOperator[toOperator.length - 1]} ms`,
    'reports offered / accepted': `${fmt(total)} / ${fmt(accepted)} in ${offeredSeconds.toFixed(1)} s (${fmt(accepted / offeredSeconds)} reports/s)`,
    'ObligationAssessed consumed': `${fmt(measured.length)} (the last ${drainedSeconds.toFixed(1)} s after the first report)`,
    'lag, report committed → consumed: p50 / p99 / max': `${percentile(fromCommit, 50)} / ${percentile(fromCommit, 99)} / ${fromCommit[fromCommit.length - 1]} ms`,
    'lag, bulk request sent → consumed: p50 / p99 / max': `${percentile(fromRequest, 50)} / ${percentile(fromRequest, 99)} / ${fromRequest[fromRequest.length - 1]} ms`,
    'registry CPU (API, relay, projections in one process)': `${registryCpu.toFixed(1)} s, ${((registryCpu * 1000) / Math.max(1, accepted)).toFixed(2)} ms per report`,
    'registry peak RSS (VmHWM)': `${fmt(registryPeakKb / 1024)} MiB`,
    'bench process CPU (load generator + consumer)': `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  };
}

async function main(): Promise<void> {
  const results: Record<string, Record<string, string>> = {};
  if (!SKIP.has('relay')) results['relay throughput (SQLite store → local broker)'] = await relayThroughput();
  if (!SKIP.has('e2e')) results[`end-to-end lag at ${fmt(E2E_RATE)} reports/s (embedded SQLite, one process)`] = await endToEndLag();
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
