/**
 * `npm run bench:http`: the service over HTTP, as users run it (embedded SQLite), driven by autocannon.
 *
 * Not a test: it builds once (`npm run build`), starts `node dist/apps/registry/src/main.js` in a child
 * process on a fresh data folder and a free port, and prints two tables, every ratio from this one run:
 *   - bare node:http answering the same JSON (the machine's limit, for scale);
 *   - a minimal Nest app on Fastify, one guarded route (the framework's floor; minimal-nest-app.ts);
 *   - GET /whoami with the platform key (the registry's authenticated no-op; target >= 25% of bare);
 *   - POST /platform/shops, one shop with three claims per request, a new shopId each time;
 *     at 50 connections, and at 10 and 20 when the target (>= 2,000/s with p99 < 50 ms, or >= 40% of
 *     the no-op) is missed at 50;
 *   - POST /platform/shops/bulk, 100,000 shops as 20 requests of 5,000, personal fields encrypted, with the
 *     event loop's CPU and the bytes written per shop, and what a GET /health/live sent meanwhile waited;
 *   then checks that every shop is stored as 4 events and that the projections caught up,
 *   and reports the server's peak RSS (VmHWM);
 *   - the registrations at 50 connections and the bulk again, on a fresh folder served by two processes
 *     (README "at scale"): REGISTRY_ROLE=api answers, REGISTRY_ROLE=projector keeps the read models
 *     (labelled "api + projector"; server CPU is both processes', catch-up the projector's lag once
 *     the last answer is in).
 *
 * Client and server share the machine: on a small machine autocannon takes CPU from the server.
 * Progress and server warnings go to stderr; stdout carries only the results.
 *
 * BENCH_DURATION       seconds per autocannon case (default 10)
 * BENCH_CONNECTIONS    connections of the main cases (default 50)
 * BENCH_BULK_CONCURRENCY  bulk requests in flight at once (default 1: sequential)
 * BENCH_BULK_REQUESTS  bulk requests of 5,000 shops (default 20; fewer for a quick look, the target assumes 20)
 * BENCH_SPLIT          0 skips the cases on two processes (default 1)
 * BENCH_SKIP_BUILD, BENCH_MAIN, BENCH_PROFILE_DIR: see bench-server.ts (a profile per measured case)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AutocannonRequest,
  CLK_TCK,
  Observed,
  ROOT,
  Server,
  autocannon,
  build,
  freePort,
  observed,
  procStatusKb,
  profiler,
  sleep,
  startServer,
  stopServer,
} from './bench-server';
import { MINIMAL_KEY } from './minimal-nest-app';
import { aSeller } from './sellers';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const FALLBACK_CONNECTIONS = [10, 20];
const BULK_REQUESTS = Number(process.env.BENCH_BULK_REQUESTS ?? 20);
const BULK_SIZE = 5000;
const BULK_CONCURRENCY = Number(process.env.BENCH_BULK_CONCURRENCY ?? 1);
const SPLIT = process.env.BENCH_SPLIT !== '0';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? resolve(process.env.BENCH_PROFILE_DIR) : undefined;
const EVENTS_PER_SHOP = 4; // ShopRegistered and one event per claim (aRegistration has three)

const TARGET_RPS = 2000;
const TARGET_P99_MS = 50;
const TARGET_BULK_SECONDS = 60;
/** The bulk target is for this many shops: a shorter run is not judged against it. */
const TARGET_BULK_SHOPS = 100_000;
const TARGET_NOOP_OF_BARE = 0.25;
const TARGET_REGISTRATION_OF_NOOP = 0.4;

const progress = (message: string) => process.stderr.write(`[bench:http] ${message}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// The server process

async function startFreshServer(): Promise<Server> {
  return startServer(mkdtempSync(join(tmpdir(), 'registry-bench-')), { healthPath: '/health/ready', timeoutMs: 30_000, progress });
}

async function stopAndRemove(server: Server): Promise<void> {
  await stopServer(server, 10_000);
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** The API and the projections in two processes on one data folder, as README "at scale" runs them. */
interface Split {
  readonly api: Server;
  readonly projector: Server;
}

/** The projector first: it creates the keys and the secrets, which the API process then reads from the folder. */
async function startSplit(): Promise<Split> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-split-'));
  // Each process numbers its profiles from 1: a folder of its own keeps them apart.
  const env = (role: string) => ({ REGISTRY_ROLE: role, ...(PROFILE_DIR ? { BENCH_PROFILE_DIR: join(PROFILE_DIR, role) } : {}) });
  const projector = await startServer(dataDir, { healthPath: '/health/ready', timeoutMs: 30_000, progress, env: env('projector') });
  const api = await startServer(dataDir, { healthPath: '/health/ready', timeoutMs: 30_000, progress, env: env('api') });
  return { api, projector };
}

async function stopSplit({ api, projector }: Split): Promise<void> {
  await stopServer(api, 10_000);
  await stopAndRemove(projector);
}

/** Watches the server while `work` runs: one process, or both of a split (their CPU and RSS added up). */
type Watch = <T>(work: () => Promise<T>) => Promise<Observed<T>>;

const watching =
  (server: Server): Watch =>
  (work) =>
    observed(server, work);

function watchingBoth({ api, projector }: Split): Watch {
  return async (work) => {
    const outer = await observed(api, () => observed(projector, work));
    const inner = outer.value;
    return {
      value: inner.value,
      seconds: outer.seconds,
      peakRssMb: outer.peakRssMb + inner.peakRssMb,
      serverCpu: outer.serverCpu + inner.serverCpu,
      clientCpu: outer.clientCpu,
      otherCpu: Math.max(0, outer.otherCpu - inner.serverCpu),
    };
  };
}

/** A process that writes `listening` on stdout once it serves on `port`, stopped like the registry. */
async function startListening(label: string, args: string[], port: number): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-floor-'));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const warnings: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => warnings.push(chunk.toString('utf8')));
  await new Promise<void>((ready, fail) => {
    child.stdout!.once('data', () => ready());
    child.once('exit', (code) => fail(new Error(`${label} exited with ${code}: ${warnings.join('')}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, dataDir, warnings };
}

/**
 * The machine's limit for the no-op: node:http alone answering what /whoami answers, in its own
 * process like the registry, measured the same way.
 */
async function startBareServer(): Promise<Server> {
  const port = await freePort();
  const body = JSON.stringify({ id: 'demo-platform', role: 'platform', name: 'Demo platform', platformId: 'demo-platform' });
  const script = `require('node:http').createServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(${JSON.stringify(body)});
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('listening\\n'));`;
  return startListening('bare node:http server', ['-e', script], port);
}

/** The framework's floor: a minimal Nest application on Fastify with one guarded route (minimal-nest-app.ts). */
async function startMinimalNest(): Promise<Server> {
  const port = await freePort();
  return startListening('minimal Nest app', ['-r', 'ts-node/register/transpile-only', join(__dirname, 'minimal-nest-app.ts'), String(port)], port);
}

/** Runs one autocannon case on a floor server of its own, after a 2 s warm-up. */
async function floorCase(label: string, start: () => Promise<Server>, request: AutocannonRequest): Promise<Row> {
  progress(`${label}, ${CONNECTIONS} connections, ${DURATION} s …`);
  const server = await start();
  try {
    await cannon(server, CONNECTIONS, 2, request);
    return toRow(label, CONNECTIONS, await cannon(server, CONNECTIONS, DURATION, request));
  } finally {
    await stopAndRemove(server);
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

interface Keys {
  platform: string;
  admin: string;
}

function readKeys(dataDir: string): Keys {
  const file = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] };
  const key = (id: string) => {
    const principal = file.principals.find((p) => p.principalId === id);
    if (!principal) throw new Error(`no bootstrap key for ${id}`);
    return principal.apiKey;
  };
  return { platform: key('demo-platform'), admin: key('bootstrap-admin') };
}

/** Registration bodies of new sellers, one after another. */
function registrationBodies(prefix: string) {
  let n = 0;
  return {
    next: () => {
      n += 1;
      return JSON.stringify(aSeller(`${prefix}-${n}`, n));
    },
    get sent() {
      return n;
    },
  };
}

interface Row {
  label: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  serverCpu: number;
  /** Server CPU milliseconds per answered request. */
  cpuMsPerRequest: number;
  clientCpu: number;
  otherCpu: number;
  peakRssMb: number;
  target?: string;
  pass?: boolean;
}

async function cannon(server: Server, connections: number, duration: number, request: AutocannonRequest, watch: Watch = watching(server)) {
  return watch(() =>
    autocannon({
      url: server.url,
      connections,
      duration,
      requests: [request],
      timeout: 30,
    }),
  );
}

function toRow(label: string, connections: number, run: Awaited<ReturnType<typeof cannon>>): Row {
  const r = run.value;
  const failed = r.non2xx + r.errors + r.timeouts;
  if (failed > 0) {
    const codes = Object.entries(r.statusCodeStats)
      .map(([code, s]) => `${code}: ${s.count}`)
      .join(', ');
    progress(`${label} @${connections}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts (status codes ${codes})`);
  }
  return {
    label,
    connections,
    requests: r['2xx'] + r.non2xx,
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: failed,
    serverCpu: run.serverCpu,
    cpuMsPerRequest: (run.serverCpu * r.duration * 1000) / Math.max(1, r['2xx'] + r.non2xx),
    clientCpu: run.clientCpu,
    otherCpu: run.otherCpu,
    peakRssMb: run.peakRssMb,
  };
}

const profiles: string[] = [];

/** Profiles what `work` does on the server when BENCH_PROFILE_DIR is set (see bench-server.ts). */
async function profiled<T>(server: Server, label: string, work: () => Promise<T>): Promise<T> {
  await profiler(server, 'start');
  const value = await work();
  const file = await profiler(server, 'stop');
  if (file) profiles.push(`${label}: ${file}`);
  return value;
}

/** Profiles both processes of a split (the profiles are listed as `<label>, api` and `<label>, projector`). */
async function profiledBoth<T>(split: Split, label: string, work: () => Promise<T>): Promise<T> {
  return profiled(split.api, `${label}, api`, () => profiled(split.projector, `${label}, projector`, work));
}

function judgeRegistration(row: Row, noop: Row): Row {
  row.target = `>= ${fmt(TARGET_RPS)}/s, p99 < ${TARGET_P99_MS} ms, or >= ${pct(TARGET_REGISTRATION_OF_NOOP)} of no-op`;
  row.pass = ((row.rps >= TARGET_RPS && row.p99 < TARGET_P99_MS) || row.rps >= TARGET_REGISTRATION_OF_NOOP * noop.rps) && row.non2xx === 0;
  return row;
}

/**
 * The registrations and the bulk again on a fresh folder served by two processes (startSplit); the
 * projector catches up after each. Projections answer no request there, so a registration's answer
 * does not wait for them: what the projector has not applied yet shows as its catch-up time.
 */
async function splitCases(noop: Row): Promise<{ row: Row; catchUpSeconds: number; bulk: BulkResult; verified: boolean }> {
  const split = await startSplit();
  try {
    const keys = readKeys(split.api.dataDir);
    const watch = watchingBoth(split);
    const bodies = registrationBodies(`split-${Date.now().toString(36)}`);
    progress('api + projector: warming up (3 s, not reported) …');
    await registrations(split.api, keys, bodies, CONNECTIONS, 3, watch);
    await waitForProjections(split.projector, keys, 120_000);
    progress(`api + projector: POST /platform/shops, ${CONNECTIONS} connections, ${DURATION} s …`);
    const row = judgeRegistration(
      await profiledBoth(split, `api + projector registrations @${CONNECTIONS}`, () =>
        registrations(split.api, keys, bodies, CONNECTIONS, DURATION, watch, 'POST /platform/shops, api + projector'),
      ),
      noop,
    );
    const catchUpSeconds = await waitForProjections(split.projector, keys, 300_000);
    progress(
      `api + projector: ${fmt(row.rps)} req/s, p99 ${row.p99.toFixed(1)} ms, ${row.cpuMsPerRequest.toFixed(2)} server CPU ms/req, projector caught up ${catchUpSeconds.toFixed(1)} s later`,
    );
    progress(`api + projector: POST /platform/shops/bulk, ${BULK_REQUESTS} x ${fmt(BULK_SIZE)} shops …`);
    const bulkResult = await profiledBoth(split, 'api + projector bulk', () => bulk(split.api, keys, watch, split.projector));
    const statuses = await projections(split.projector, keys);
    const head = statuses[0]?.head ?? 0;
    const verified = statuses.every((s) => s.checkpoint === head && !s.lastError);
    return { row, catchUpSeconds, bulk: bulkResult, verified };
  } catch (error) {
    for (const server of [split.api, split.projector]) progress(`last lines of ${server.url}:\n${server.warnings.slice(-5).join('\n')}`);
    throw error;
  } finally {
    await stopSplit(split);
  }
}

async function whoAmI(server: Server, keys: Keys, connections: number, duration: number): Promise<Row> {
  const run = await cannon(server, connections, duration, { method: 'GET', path: '/whoami', headers: { 'x-api-key': keys.platform } });
  return toRow('GET /whoami (no-op)', connections, run);
}

async function registrations(
  server: Server,
  keys: Keys,
  bodies: ReturnType<typeof registrationBodies>,
  connections: number,
  duration: number,
  watch: Watch = watching(server),
  label = 'POST /platform/shops (3 claims)',
) {
  const run = await cannon(
    server,
    connections,
    duration,
    {
      method: 'POST',
      path: '/platform/shops',
      headers: { 'x-api-key': keys.platform, 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: bodies.next() }),
    },
    watch,
  );
  return toRow(label, connections, run);
}

interface BulkResult {
  seconds: number;
  shopsPerSecond: number;
  requestP50: number;
  requestMax: number;
  registered: number;
  peakRssMb: number;
  serverCpu: number;
  otherCpu: number;
  catchUpSeconds: number;
  firstShopId: string;
  /** Bytes the server wrote (WAL appends and checkpoints; both processes of a split), answers and catch-up. */
  writtenBytes: number;
  /** CPU seconds of the server's main thread (the event loop; both processes' of a split), answers and catch-up; the rest of its CPU ran on other threads. */
  mainThreadCpu: number;
  /** GET /health/live sent every 20 ms while the bulk requests ran: what another request waited, sorted (seconds). */
  pings: number[];
}

/** Sends GET /health/live every `everyMs` until `stop` is called; gives each answer's latency in seconds, sorted. */
function pinging(server: Server, everyMs: number): () => Promise<number[]> {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/health/live`);
      await response.arrayBuffer();
      latencies.push((performance.now() - t0) / 1000);
      await sleep(everyMs);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return latencies.sort((a, b) => a - b);
  };
}

const quantile = (sorted: readonly number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

/** Bytes written and main-thread CPU seconds of a server process so far (Linux /proc; 0 elsewhere). */
function serverWork(server: Server): { writtenBytes: number; mainThreadCpu: number } {
  const pid = server.child.pid!;
  try {
    const written = readFileSync(`/proc/${pid}/io`, 'utf8').match(/^wchar:\s+(\d+)/m);
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { writtenBytes: written ? Number(written[1]) : 0, mainThreadCpu: (Number(fields[11]) + Number(fields[12])) / CLK_TCK };
  } catch {
    return { writtenBytes: 0, mainThreadCpu: 0 };
  }
}

/** `projector`: the process whose projections the catch-up waits for (the server itself unless split). */
async function bulk(server: Server, keys: Keys, watch: Watch = watching(server), projector: Server = server): Promise<BulkResult> {
  const shopId = (request: number, item: number) => `bulk-${request}-${item}`;
  const body = (request: number) =>
    JSON.stringify({ shops: Array.from({ length: BULK_SIZE }, (_, item) => aSeller(shopId(request, item), 100_000 + request * BULK_SIZE + item)) });
  const durations: number[] = [];
  let registered = 0;
  let nextRequest = 0;
  const sender = async () => {
    for (let request = nextRequest++; request < BULK_REQUESTS; request = nextRequest++) {
      const payload = body(request); // built before the clock starts for this request
      const t0 = performance.now();
      const response = await fetch(`${server.url}/platform/shops/bulk`, {
        method: 'POST',
        headers: { 'x-api-key': keys.platform, 'content-type': 'application/json' },
        body: payload,
      });
      const answer = (await response.json()) as { counts?: Record<string, number> };
      durations.push((performance.now() - t0) / 1000);
      if (response.status !== 200 || answer.counts?.registered !== BULK_SIZE) {
        throw new Error(`bulk request ${request}: HTTP ${response.status}, ${JSON.stringify(answer).slice(0, 500)}`);
      }
      registered += answer.counts.registered;
    }
  };
  const processes = server === projector ? [server] : [server, projector];
  const work0 = processes.map(serverWork);
  const stopPinging = pinging(server, 20);
  const run = await watch(async () => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: BULK_CONCURRENCY }, sender));
    return (performance.now() - t0) / 1000;
  });
  const pings = await stopPinging();
  const catchUp = await watch(() => waitForProjections(projector, keys, 600_000));
  const work1 = processes.map(serverWork);
  const sum = (works: ReturnType<typeof serverWork>[], field: keyof ReturnType<typeof serverWork>) => works.reduce((total, w) => total + w[field], 0);
  durations.sort((a, b) => a - b);
  return {
    seconds: run.value,
    shopsPerSecond: registered / run.value,
    requestP50: durations[Math.floor(durations.length / 2)],
    requestMax: durations[durations.length - 1],
    registered,
    peakRssMb: Math.max(run.peakRssMb, catchUp.peakRssMb),
    serverCpu: run.serverCpu,
    otherCpu: run.otherCpu + run.clientCpu,
    catchUpSeconds: catchUp.value,
    firstShopId: shopId(0, 0),
    writtenBytes: sum(work1, 'writtenBytes') - sum(work0, 'writtenBytes'),
    mainThreadCpu: sum(work1, 'mainThreadCpu') - sum(work0, 'mainThreadCpu'),
    pings,
  };
}

// ---------------------------------------------------------------------------------------------
// Verification

interface ProjectionStatus {
  name: string;
  checkpoint: number;
  head: number;
  lag: number;
  lastError: string | null;
}

async function getJson<T>(server: Server, path: string, key: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { 'x-api-key': key } });
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const projections = (server: Server, keys: Keys) => getJson<ProjectionStatus[]>(server, '/admin/projections', keys.admin);

/** Waits until every projection has applied every event; gives the seconds it took. */
async function waitForProjections(server: Server, keys: Keys, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const statuses = await projections(server, keys);
    const failing = statuses.find((s) => s.lastError);
    if (failing) throw new Error(`projection ${failing.name} failed: ${failing.lastError}`);
    if (statuses.every((s) => s.lag === 0)) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > timeoutMs) throw new Error(`projections still behind after ${timeoutMs / 1000} s: ${JSON.stringify(statuses)}`);
    await sleep(100);
  }
}

async function countShops(server: Server, keys: Keys): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const page = await getJson<{ shops: unknown[]; next: string | null }>(
      server,
      `/platform/shops?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      keys.platform,
    );
    count += page.shops.length;
    if (!page.next) return count;
    after = page.next;
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...body.map(line)];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const totalStart = performance.now();
  build(progress);
  const server = await startFreshServer();
  const notes: string[] = [];
  let failures = 0;
  try {
    const keys = readKeys(server.dataDir);
    const headBefore = (await projections(server, keys))[0]?.head ?? 0;
    const bodies = registrationBodies(`http-${Date.now().toString(36)}`);

    progress('warming up (3 s each, not reported) …');
    await whoAmI(server, keys, CONNECTIONS, 3);
    await registrations(server, keys, bodies, CONNECTIONS, 3);
    await waitForProjections(server, keys, 60_000);

    const bare = await floorCase('bare node:http (machine limit)', startBareServer, { method: 'GET', path: '/whoami' });
    const minimal = await floorCase('minimal Nest app (Fastify, 1 guard)', startMinimalNest, {
      method: 'GET',
      path: '/whoami',
      headers: { 'x-api-key': MINIMAL_KEY },
    });

    progress(`GET /whoami, ${CONNECTIONS} connections, ${DURATION} s …`);
    const noop = await profiled(server, `whoami @${CONNECTIONS}`, () => whoAmI(server, keys, CONNECTIONS, DURATION));
    noop.target = `>= ${pct(TARGET_NOOP_OF_BARE)} of bare`;
    noop.pass = noop.rps >= TARGET_NOOP_OF_BARE * bare.rps && noop.non2xx === 0;
    const rows: Row[] = [bare, minimal, noop];

    const registrationCase = async (connections: number) => {
      await waitForProjections(server, keys, 60_000); // every case starts with the projections caught up
      progress(`POST /platform/shops, ${connections} connections, ${DURATION} s …`);
      const row = judgeRegistration(
        await profiled(server, `registrations @${connections}`, () => registrations(server, keys, bodies, connections, DURATION)),
        noop,
      );
      if (row.non2xx > 0) failures++;
      rows.push(row);
      return row;
    };
    const atDefault = await registrationCase(CONNECTIONS);
    if (!atDefault.pass) for (const connections of FALLBACK_CONNECTIONS.filter((c) => c < CONNECTIONS)) await registrationCase(connections);

    // The one-request cases as soon as they are measured: the bulk phase may run long or fail.
    for (const r of rows) {
      progress(
        `${r.label} @${r.connections}: ${fmt(r.rps)} req/s, p99 ${r.p99.toFixed(1)} ms, ${(r.rps / bare.rps).toFixed(2)} of bare, ` +
          `${(r.rps / noop.rps).toFixed(2)} of the no-op, ${r.cpuMsPerRequest.toFixed(2)} server CPU ms/req`,
      );
    }
    await waitForProjections(server, keys, 60_000);
    const bulkMode = BULK_CONCURRENCY === 1 ? 'sequential' : `${BULK_CONCURRENCY} concurrent`;
    progress(`POST /platform/shops/bulk, ${BULK_REQUESTS} x ${fmt(BULK_SIZE)} shops, ${bulkMode} …`);
    const bulkResult = await profiled(server, 'bulk', () => bulk(server, keys));

    progress('verifying …');
    const shop = await getJson<{ shopId: string; version: number; claims: unknown[] }>(server, `/platform/shops/${bulkResult.firstShopId}`, keys.platform);
    const shopOk = shop.shopId === bulkResult.firstShopId && shop.version === EVENTS_PER_SHOP && shop.claims.length === 3;
    const shops = await countShops(server, keys);
    const statuses = await projections(server, keys);
    const head = statuses[0]?.head ?? 0;
    const events = head - headBefore;
    const singleOk = rows.filter((r) => r.label.startsWith('POST /platform/shops')).reduce((sum, r) => sum + r.requests, 0);
    // autocannon stops counting at the end of a case while the server may still answer requests in flight,
    // so the shops registered one by one lie between the 2xx answers counted and the bodies sent.
    const singles = shops - bulkResult.registered;
    const eventsOk = events === shops * EVENTS_PER_SHOP && singles >= singleOk && singles <= bodies.sent;
    const checkpointsOk = statuses.every((s) => s.checkpoint === head && !s.lastError);
    if (!shopOk || !eventsOk || !checkpointsOk) failures++;

    const peakRssMb = procStatusKb(server.child.pid!, 'VmHWM') / 1024;
    await stopServer(server, 10_000); // the two processes below get the machine to themselves

    const split = SPLIT ? await splitCases(noop) : null;
    if (split) {
      rows.push(split.row);
      if (split.row.non2xx > 0 || !split.verified) failures++;
    }

    // ----- print
    const out: string[] = [''];
    out.push(
      ...table(
        [
          'case',
          'conns',
          'requests',
          'req/s',
          'p50 ms',
          'p99 ms',
          'non-2xx',
          '/ bare',
          '/ no-op',
          'server CPU',
          'CPU ms/req',
          'client CPU',
          'other CPU',
          'target',
          '',
        ],
        rows.map((r) => [
          r.label,
          String(r.connections),
          fmt(r.requests),
          fmt(r.rps),
          r.p50.toFixed(1),
          r.p99.toFixed(1),
          String(r.non2xx),
          (r.rps / bare.rps).toFixed(2),
          (r.rps / noop.rps).toFixed(2),
          pct(r.serverCpu),
          r.cpuMsPerRequest.toFixed(2),
          pct(r.clientCpu),
          pct(r.otherCpu),
          r.target ?? '',
          r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
        ]),
      ),
    );
    out.push('');
    const bulkRows: Array<[string, BulkResult]> = [[`${BULK_REQUESTS} x ${fmt(BULK_SIZE)}, ${bulkMode}`, bulkResult]];
    if (split) bulkRows.push([`same, api + projector processes`, split.bulk]);
    out.push(
      ...table(
        [
          'bulk onboarding',
          'shops',
          'answered s',
          'shops/s',
          '/ no-op',
          'request p50 s',
          'request max s',
          'server CPU',
          'CPU ms/shop',
          'main thread ms/shop',
          'written KB/shop',
          'ping p50/p99/max s',
          'other CPU',
          'catch-up s',
          'caught up s',
          'target',
          '',
        ],
        bulkRows.map(([label, b]) => {
          // Judged when the read models hold every shop: in one process that is about the last answer, in two the projector's catch-up counts.
          const caughtUp = b.seconds + b.catchUpSeconds;
          const judged = b.registered >= TARGET_BULK_SHOPS;
          return [
            label,
            fmt(b.registered),
            b.seconds.toFixed(1),
            fmt(b.shopsPerSecond),
            (b.shopsPerSecond / noop.rps).toFixed(2),
            b.requestP50.toFixed(2),
            b.requestMax.toFixed(2),
            pct(b.serverCpu),
            ((b.serverCpu * b.seconds * 1000) / Math.max(1, b.registered)).toFixed(2),
            ((b.mainThreadCpu * 1000) / Math.max(1, b.registered)).toFixed(2),
            (b.writtenBytes / 1024 / Math.max(1, b.registered)).toFixed(1),
            [0.5, 0.99, 1].map((q) => quantile(b.pings, q).toFixed(2)).join(' / '),
            pct(b.otherCpu),
            b.catchUpSeconds.toFixed(1),
            caughtUp.toFixed(1),
            `< ${TARGET_BULK_SECONDS} s for ${fmt(TARGET_BULK_SHOPS)}`,
            judged ? (caughtUp < TARGET_BULK_SECONDS ? 'PASS' : 'MISS') : 'not judged (fewer shops)',
          ];
        }),
      ),
    );
    out.push('');
    out.push(
      `verified: ${bulkResult.firstShopId} version ${shop.version} with ${shop.claims.length} claims ${shopOk ? 'ok' : 'WRONG'}; ` +
        `${fmt(shops)} shops listed, ${fmt(events)} events appended (head ${fmt(head)}, ${EVENTS_PER_SHOP} per shop) ${eventsOk ? 'ok' : 'WRONG'}; ` +
        `${statuses.length} projections at the head ${checkpointsOk ? 'ok' : 'WRONG'}`,
    );
    out.push(
      `server peak RSS (VmHWM): ${fmt(peakRssMb)} MiB; per phase: ${[
        ...rows.slice(2).map((r) => `${r.label.split(' ')[1]}@${r.connections} ${fmt(r.peakRssMb)}`),
        `bulk ${fmt(bulkResult.peakRssMb)}`,
      ].join(', ')} MiB`,
    );
    out.push(`total time: ${((performance.now() - totalStart) / 1000).toFixed(0)} s`);
    notes.push(
      `${cpus().length} CPUs shared by autocannon (client CPU) and the registry (server CPU, 100% = one core; ` +
        'the service is one Node.js thread, SQLite included); other CPU: the rest of the machine (other processes). Projections run in the same process (REGISTRY_ROLE=all) and are included.',
    );
    notes.push(
      '/ bare, / no-op: req/s (bulk: shops/s) over bare node:http and over GET /whoami, measured in this run. CPU ms/req: server CPU time per answered request (less sensitive to the other load than req/s). ' +
        'Personal fields are encrypted (the keys are created on first start, as with npm start).',
    );
    notes.push(
      `req/s counts 2xx answers over the case duration (${DURATION} s); latency as autocannon sees it; catch-up s: projections reaching the head after the last bulk answer; caught up s: answered + catch-up, what the bulk target judges. ` +
        "Bulk: main thread ms/shop is the event loop's share of the CPU, written KB/shop what the server wrote (the SQLite WAL and its checkpoints), " +
        'ping what GET /health/live, sent every 20 ms meanwhile, waited (other requests wait for a slice of a bulk request and its projection batch).',
    );
    if (split) {
      notes.push(
        `api + projector: a fresh folder served by REGISTRY_ROLE=api (answers) and REGISTRY_ROLE=projector (read models) on the same SQLite file; server CPU and RSS are both processes'. ` +
          `After the ${DURATION} s of registrations the projector caught up in ${split.catchUpSeconds.toFixed(1)} s; ${split.verified ? 'its projections reached the head after the bulk' : 'its projections did NOT reach the head'}.`,
      );
    }
    if (server.warnings.length > 0) notes.push(`the server logged ${server.warnings.length} warning lines (first: ${server.warnings[0].slice(0, 200)})`);
    profiles.forEach((p) => notes.push(`server CPU profile, ${p}`));
    notes.forEach((n) => out.push(`- ${n}`));
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await stopAndRemove(server);
  }
  if (failures > 0) {
    progress(`${failures} correctness check(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
