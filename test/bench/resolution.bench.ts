/**
 * `npm run bench:resolution`: the enforcement resolution reads over HTTP on a large seller base.
 *
 * Not a test: it builds once (`npm run build`), starts `node dist/apps/registry/src/main.js` in a child
 * process on a data folder and a free port, and prints figures against the targets of the resolution
 * issue. The store is the embedded SQLite file of the folder, or with `DATABASE_URL` (postgres://…) a
 * database of its own on that PostgreSQL server, created for the run and dropped at its end
 * (bench-database.ts); the figures read from the database (its size, bytes per table, the live
 * phase's head, checkpoint and view point) are read the same way on both:
 *   a. load: the data set of resolution-dataset.ts (BENCH_SHOPS shops, ~5 claims each, on three
 *      platforms) as bulk registrations of 5,000, then every projection to the head: load time,
 *      shops/s, claims/s, events, catch-up, server peak RSS, database size;
 *   b. GET /enforcement/shops/{platform}/{shop}/operator on random known shops, and
 *      POST /enforcement/identifier-searches and /enforcement/person-searches on random known phones,
 *      national IDs and bank accounts, beside the authenticated no-op (GET /whoami):
 *      at an offered rate of 1,000 requests/s (p50/p99/max), then 50 connections flat out (req/s).
 *      Every read appends an audit event: that write is part of what is measured;
 *   c. the identity-graph projection under 2,000 new claims/s for 30 s (a bulk request per platform
 *      every 250 ms): for each request, the head after its answer and the time until the projection's
 *      checkpoint reaches it, sampled every 100 ms from GET /admin/projections.
 *
 * The fixed rate is offered by an open-loop client in this file: requests leave on a schedule
 * (one every millisecond), whether or not the earlier ones have been answered, and latency counts from
 * the scheduled time, so a stalled server shows as latency, not as fewer requests (no coordinated
 * omission). autocannon's overallRate is printed beside it for comparison: it sends each connection's
 * share of a second at the start of that second, in bursts.
 *
 * Loading a million shops takes long, so a loaded data folder can be kept and used again:
 * BENCH_DATA_DIR names it; a folder holding the complete data set (resolution-bench.json beside the
 * database says so) is not loaded again, a partly loaded one goes on where it stopped. With
 * `DATABASE_URL`, its PostgreSQL database is named after the folder (bench_<hash>) and kept too.
 *
 * BENCH_SHOPS          shops in the data set (default 1,000,000; ~5 claims each)
 * BENCH_DATA_DIR       data folder to load into or reuse (default: a fresh temporary one, removed at the end)
 * BENCH_DURATION       seconds per read case (default 15)
 * BENCH_LIVE_SECONDS   seconds of the projection case (default 30)
 * BENCH_BULK_CONCURRENCY  bulk requests in flight while loading (default 2)
 * BENCH_LOAD_UNTIL     stop the load once this many bulk requests (of 5,000 shops) are answered in all, and print
 *                      that stretch's figures (with the server's CPU a shop); the folder stays partly loaded, and a
 *                      later run goes on from there. Compares settings at one registry size, on copies of a folder.
 * BENCH_SEED           seed of the data set (default seller-identity-registry)
 * BENCH_LIVE_ID_BLOCK  0–39: the block of identifiers the live phase's new people take (default: from the clock). A
 *                      block an earlier live run on the same folder took makes the new shops join its operators.
 * BENCH_PHASES         what to measure after the load, comma-separated: reads, rebuild (of the operator view), live
 *                      (default all three; `none` only loads)
 * BENCH_SPLIT          1: two processes on the same data folder and database (README "at scale"), a
 *                      projector (REGISTRY_ROLE=projector, started first: it writes the bootstrap keys) and
 *                      an API replica (REGISTRY_ROLE=api) that every request goes to, but the rebuild (sent
 *                      to the projector); server CPU and RSS are then the API process's, the projector's
 *                      peak RSS is in the summary (default: one process, REGISTRY_ROLE=all)
 * BENCH_SKIP_BUILD, BENCH_MAIN, BENCH_PROFILE_DIR: see bench-server.ts (with a profile dir, each read case at
 *                      50 connections is profiled, the rebuild, the new claims of the live phase, and a load
 *                      stopped by BENCH_LOAD_UNTIL while it sends)
 *
 * Progress goes to stderr; stdout carries only the results.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AutocannonRequest,
  AutocannonResult,
  Observed,
  Server,
  assertRunning,
  autocannon,
  build,
  observed,
  procStatusKb,
  profiler,
  sleep,
  startServer,
  stopServer,
} from './bench-server';
import { BenchDatabase, openBenchDatabase } from './bench-database';
import { aSeller } from './sellers';
import { formatBytesPerTable, formatStorageBreakdown } from './storage-breakdown';
import { Prng } from '../support/prng';
import { GeneratedShop, PLATFORMS, PlatformId, ResolutionDataset, bulkBody } from './resolution-dataset';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 1_000_000);
const SEED = process.env.BENCH_SEED ?? 'seller-identity-registry';
const DATA_DIR = process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : undefined;
/** The registry's own variable: set, the run is on a PostgreSQL database of its own on that server (bench-database.ts). */
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const SPLIT = process.env.BENCH_SPLIT === '1';
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const BULK_SIZE = 5000;
const BULK_CONCURRENCY = Number(process.env.BENCH_BULK_CONCURRENCY ?? 2);
const LOAD_UNTIL = process.env.BENCH_LOAD_UNTIL === undefined ? Infinity : Number(process.env.BENCH_LOAD_UNTIL);
/** BENCH_LIVE_ID_BLOCK (0–39): the live phase's block of identifiers, fixed (a block an earlier run used joins its operators). */
const LIVE_ID_BLOCK = process.env.BENCH_LIVE_ID_BLOCK === undefined ? undefined : Number(process.env.BENCH_LIVE_ID_BLOCK);
const PHASES = new Set((process.env.BENCH_PHASES ?? 'reads,rebuild,live').split(',').map((p) => p.trim()));
const META_FILE = 'resolution-bench.json';
const IDENTITY_GRAPH = 'identity-graph';
const OPERATOR_VIEW = 'operator-view';

const TARGET_RATE = 1000;
const TARGET_P99_MS = 10;
const TARGET_CONNECTIONS = 50;
const TARGET_RPS = 3000;
const TARGET_CLAIMS_PER_SECOND = 2000;
const TARGET_LAG_MS = 1000;
const LIVE_TICK_MS = 250;
/** The open-loop client sends no more while this many requests wait for an answer (the server is then far behind). */
const MAX_IN_FLIGHT = 1000;

const CASE_HEADERS = { 'x-case-reference': 'BENCH-2026-0001', 'x-purpose': 'counterfeit_goods' };

const progress = (message: string) => process.stderr.write(`[bench:resolution] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (since: number) => (performance.now() - since) / 1000;

// ---------------------------------------------------------------------------------------------
// HTTP helpers

interface Keys {
  admin: string;
  officer: string;
  platforms: Record<PlatformId, string>;
}

function bootstrapKey(dataDir: string, principalId: string): string {
  const file = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] };
  const principal = file.principals.find((p) => p.principalId === principalId);
  if (!principal) throw new Error(`no bootstrap key for ${principalId}`);
  return principal.apiKey;
}

async function getJson<T>(server: Server, path: string, key: string, extra: Record<string, string> = {}): Promise<T> {
  let response: Response | undefined;
  for (let attempt = 1; !response; attempt++) {
    try {
      response = await fetch(`${server.url}${path}`, { headers: { 'x-api-key': key, ...extra } });
    } catch (error) {
      // A kept-alive connection the server closed as the request went out (see postOnce): a GET can be sent again.
      assertRunning(server);
      if (attempt >= 3) throw error;
    }
  }
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
  return (await response.json()) as T;
}

async function postJson<T>(server: Server, path: string, key: string, body: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * POST on a connection of its own, closed after the answer. The server's event loop stalls for
 * seconds while it registers a bulk request, and a kept-alive connection that has been idle for
 * about its keep-alive timeout (5 s) is then closed by the server as the next request arrives on it
 * (ECONNRESET, seen on one bulk request in five while loading): a new connection avoids the race.
 */
function postOnce<T>(server: Server, path: string, key: string, body: string): Promise<{ status: number; body: T }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolveAnswer, reject) => {
    const req = httpRequest(
      {
        agent: false,
        hostname,
        port,
        method: 'POST',
        path,
        headers: { 'x-api-key': key, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolveAnswer({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface ProjectionStatus {
  name: string;
  checkpoint: number;
  head: number;
  lag: number;
  lastError: string | null;
}

const projections = (server: Server, keys: Keys) => getJson<ProjectionStatus[]>(server, '/admin/projections', keys.admin);

/** Waits until every projection has applied every event; gives the seconds it took. */
async function waitForProjections(server: Server, keys: Keys, timeoutMs: number, label = ''): Promise<number> {
  const t0 = performance.now();
  let reported = t0;
  for (;;) {
    const statuses = await projections(server, keys);
    const failing = statuses.find((s) => s.lastError);
    if (failing) throw new Error(`projection ${failing.name} failed: ${failing.lastError}`);
    if (statuses.every((s) => s.lag === 0)) return seconds(t0);
    if (performance.now() - t0 > timeoutMs) throw new Error(`projections still behind after ${timeoutMs / 1000} s: ${JSON.stringify(statuses)}`);
    if (label && performance.now() - reported > 10_000) {
      reported = performance.now();
      progress(`${label}: ${statuses.map((s) => `${s.name} lag ${fmt(s.lag)}`).join(', ')}`);
    }
    await sleep(label ? 500 : 100);
  }
}

// ---------------------------------------------------------------------------------------------
// The data set: what a run needs to know about it (samples), whether it is loaded or not

interface Sample {
  /** Random known shops, as `platform/shopId`. */
  shops: string[];
  /** Random known identifiers (contact phones, declared national IDs, payout accounts), as sent. */
  identifiers: { kind: string; value: string }[];
  /** Every shop of some operators (the ground truth), to check that resolution finds them. */
  operators: { operator: number; shops: string[]; nomineeFronted: boolean; hub: boolean }[];
  hubPhones: string[];
}

interface Meta {
  seed: string;
  shops: number;
  /** Where it was loaded (absent: SQLite, in folders of earlier versions). */
  store?: BenchDatabase['kind'];
  bulkSize: number;
  platformKeys: Record<PlatformId, string>;
  /** Bulk requests answered, counted from the first (those before it need not be sent again). */
  requestsDone: number;
  complete: boolean;
  load?: LoadFigures;
}

interface LoadFigures {
  /** Bulk requests sent in the run that loaded (absent in folders loaded by an earlier version). */
  requests?: number;
  seconds: number;
  shops: number;
  claims: number;
  events: number;
  shopsPerSecond: number;
  claimsPerSecond: number;
  eventsPerSecond: number;
  catchUpSeconds: number;
  requestP50: number;
  requestMax: number;
  serverCpu: number;
  clientCpu: number;
  peakRssMb: number;
  databaseBytes: number;
  resumed: boolean;
}

const readMeta = (dataDir: string): Meta | undefined =>
  existsSync(join(dataDir, META_FILE)) ? (JSON.parse(readFileSync(join(dataDir, META_FILE), 'utf8')) as Meta) : undefined;
const writeMeta = (dataDir: string, meta: Meta) => writeFileSync(join(dataDir, META_FILE), JSON.stringify(meta, null, 2));

/**
 * The data set as bulk requests, in a fixed order: a platform's buffer is sent when it holds 5,000
 * shops, the rest at the end. The samples fill as the shops go by.
 */
function* bulkRequests(dataset: ResolutionDataset, sample: Sample, sampleRng: Prng): Generator<{ platformId: PlatformId; shops: GeneratedShop[] }> {
  const buffers: Record<PlatformId, GeneratedShop[]> = { shopee: [], lazada: [], tiktok: [] };
  const SHOP_SAMPLE = 20_000;
  const operatorEvery = Math.max(1, Math.floor(SHOPS / 2.44 / 400)); // ~400 operators, whatever the size
  const hubPhones = new Set(dataset.hubPlaces.map((p) => p.phone));
  let seen = 0;
  let current: Sample['operators'][number] | undefined;
  for (const shop of dataset.shops()) {
    const key = `${shop.platformId}/${shop.body.shopId}`;
    // Reservoir sampling: every shop equally likely to be in the sample.
    if (seen < SHOP_SAMPLE) {
      sample.shops.push(key);
      sample.identifiers.push(sampleRng.pick(shop.lookups));
    } else {
      const slot = sampleRng.int(seen + 1);
      if (slot < SHOP_SAMPLE) {
        sample.shops[slot] = key;
        sample.identifiers[slot] = sampleRng.pick(shop.lookups);
      }
    }
    seen++;
    if (shop.operator % operatorEvery === 0) {
      if (current?.operator !== shop.operator) sample.operators.push((current = { operator: shop.operator, shops: [], nomineeFronted: false, hub: false }));
      current.shops.push(key);
      current.nomineeFronted ||= shop.nomineeFronted;
      current.hub ||= shop.body.claims.some((c) => hubPhones.has(c.subject.phone as string));
    }
    const buffer = buffers[shop.platformId];
    buffer.push(shop);
    if (buffer.length === BULK_SIZE) {
      yield { platformId: shop.platformId, shops: buffer.splice(0) };
    }
  }
  for (const platformId of PLATFORMS) if (buffers[platformId].length > 0) yield { platformId, shops: buffers[platformId].splice(0) };
  sample.hubPhones = [...hubPhones];
}

// ---------------------------------------------------------------------------------------------
// a. Load

async function createPlatformPrincipals(server: Server, admin: string): Promise<Record<PlatformId, string>> {
  const keys = {} as Record<PlatformId, string>;
  for (const platformId of PLATFORMS) {
    const { status, body } = await postJson<{ apiKey?: string }>(server, '/admin/principals', admin, {
      principalId: `bench-${platformId}`,
      role: 'platform',
      name: `${platformId} (resolution benchmark)`,
      platformId,
    });
    if (status !== 201 || !body.apiKey) throw new Error(`could not create principal bench-${platformId}: HTTP ${status} ${JSON.stringify(body)}`);
    keys[platformId] = body.apiKey;
  }
  return keys;
}

async function load(
  server: Server,
  database: BenchDatabase,
  keys: Keys,
  meta: Meta,
  dataset: ResolutionDataset,
  sample: Sample,
  sampleRng: Prng,
): Promise<LoadFigures> {
  const startAt = meta.requestsDone;
  const resumed = startAt > 0;
  if (resumed) progress(`resuming the load after ${fmt(startAt)} bulk requests already answered`);
  const headBefore = (await projections(server, keys))[0]?.head ?? 0;
  const requests = bulkRequests(dataset, sample, sampleRng);
  let index = 0;
  const done = new Set<number>();
  let shopsSent = 0;
  let claimsSent = 0;
  const durations: number[] = [];
  let lastReport = performance.now();
  let lastMetaWrite = performance.now();
  const t0 = performance.now();

  const advanceDone = () => {
    while (done.has(meta.requestsDone)) done.delete(meta.requestsDone++);
    if (performance.now() - lastMetaWrite > 10_000) {
      lastMetaWrite = performance.now();
      writeMeta(server.dataDir, meta);
    }
  };

  const sender = async () => {
    for (;;) {
      const next = requests.next(); // synchronous: the senders take requests in order
      if (next.done || index >= LOAD_UNTIL) return;
      const k = index++;
      if (k < startAt) continue; // answered in an earlier run
      const { platformId, shops } = next.value;
      const body = bulkBody(shops);
      const started = performance.now();
      type BulkAnswer = { counts?: Record<string, number>; results?: { status: string; problems?: unknown }[] };
      let reply: { status: number; body: BulkAnswer } | undefined;
      for (let attempt = 1; !reply; attempt++) {
        try {
          reply = await postOnce<BulkAnswer>(server, '/platform/shops/bulk', keys.platforms[platformId], body);
        } catch (error) {
          // A registration sent again is answered `unchanged`: safe to retry a request whose answer was lost.
          assertRunning(server);
          if (attempt >= 3) throw error;
          progress(`bulk request ${k}: ${describe(error)}; sending it again`);
        }
      }
      const { status, body: answer } = reply;
      durations.push(seconds(started));
      const ok = (answer.counts?.registered ?? 0) + (answer.counts?.unchanged ?? 0);
      if (status !== 200 || ok !== shops.length) {
        const bad = answer.results?.filter((r) => r.status !== 'registered' && r.status !== 'unchanged').slice(0, 3);
        throw new Error(
          `bulk request ${k} (${platformId}): HTTP ${status}, counts ${JSON.stringify(answer.counts)}, first problems ${JSON.stringify(bad ?? answer).slice(0, 1500)}`,
        );
      }
      shopsSent += shops.length;
      claimsSent += shops.reduce((sum, s) => sum + s.body.claims.length, 0);
      done.add(k);
      advanceDone();
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const rss = procStatusKb(server.child.pid!, 'VmRSS') / 1024;
        const statuses = await projections(server, keys);
        const lag = Math.max(...statuses.map((s) => s.lag));
        progress(
          `loaded ${fmt(dataset.stats.shops)} / ${fmt(SHOPS)} shops (${fmt(shopsSent / seconds(t0))} shops/s this run), ` +
            `server RSS ${fmt(rss)} MiB, largest projection lag ${fmt(lag)} events, database ${fmt((await database.bytes()) / 2 ** 20)} MiB`,
        );
      }
    }
  };

  const staged = LOAD_UNTIL !== Infinity;
  if (staged) await profiler(server, 'start');
  const sent = await observed(server, () => Promise.all(Array.from({ length: BULK_CONCURRENCY }, sender)));
  if (staged) {
    const profile = await profiler(server, 'stop');
    if (profile) progress(`  server CPU profile of the load's stretch: ${profile}`);
  }
  writeMeta(server.dataDir, meta);
  const headAfterSend = (await projections(server, keys))[0]?.head ?? 0;
  progress(`all ${fmt(index)} bulk requests answered in ${sent.seconds.toFixed(0)} s; waiting for the projections …`);
  const catchUp = await observed(server, () => waitForProjections(server, keys, 6 * 3600_000, 'catching up'));
  durations.sort((a, b) => a - b);
  const events = headAfterSend - headBefore;
  return {
    requests: index - startAt,
    seconds: sent.seconds,
    shops: shopsSent,
    claims: claimsSent,
    events,
    shopsPerSecond: shopsSent / sent.seconds,
    claimsPerSecond: claimsSent / sent.seconds,
    eventsPerSecond: events / sent.seconds,
    catchUpSeconds: catchUp.value,
    requestP50: durations[Math.floor(durations.length / 2)] ?? 0,
    requestMax: durations[durations.length - 1] ?? 0,
    serverCpu: sent.serverCpu,
    clientCpu: sent.clientCpu,
    peakRssMb: Math.max(sent.peakRssMb, catchUp.peakRssMb),
    databaseBytes: await database.bytes(),
    resumed,
  };
}

// ---------------------------------------------------------------------------------------------
// b. Reads

interface ReadRow {
  label: string;
  load: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  serverCpu: number;
  clientCpu: number;
  peakRssMb: number;
  target?: string;
  pass?: boolean;
}

interface ReadCase {
  label: string;
  request: () => { method: 'GET' | 'POST'; path: string; body?: string };
}

/**
 * While the view is rebuilt: GET /health/live every 200 ms on the process that rebuilds, and a new
 * shop (3 claims) registered every 500 ms, one at a time, each timed to its answer; when the longest
 * wait for /health/live began; every 2 s, the largest lag of the other projections.
 */
function whileRebuilding(server: Server, rebuilding: Server, keys: Keys) {
  const health: number[] = [];
  const registrations: number[] = [];
  const started = performance.now();
  let longestHealth = { ms: 0, atS: 0 };
  let othersLag = 0;
  let failed = 0;
  let running = true;
  const timed = async (into: number[], send: () => Promise<{ status: number }>, ok: number) => {
    const t0 = performance.now();
    const answer = await send().catch(() => ({ status: 0 }));
    const ms = performance.now() - t0;
    if (answer.status === ok) into.push(ms);
    else failed++;
    if (into === health && ms > longestHealth.ms) longestHealth = { ms, atS: (t0 - started) / 1000 };
  };
  const every = async (ms: number, work: () => Promise<void>) => {
    while (running) await Promise.all([work(), sleep(ms)]);
  };
  const tag = Date.now().toString(36);
  let n = 0;
  const loops = Promise.all([
    every(200, () => timed(health, () => fetch(`${rebuilding.url}/health/live`), 200)),
    every(500, () => {
      const shop = aSeller(`rebuild-${tag}-${n}`, 8_000_000 + n++);
      return timed(registrations, () => postOnce(server, '/platform/shops', keys.platforms[PLATFORMS[0]], JSON.stringify(shop)), 201);
    }),
    every(2000, async () => {
      const others = (await projections(rebuilding, keys).catch(() => [])).filter((s) => s.name !== OPERATOR_VIEW);
      othersLag = Math.max(othersLag, ...others.map((s) => s.lag));
    }),
  ]);
  return {
    async stop() {
      running = false;
      await loops;
      return { health: health.sort((a, b) => a - b), registrations: registrations.sort((a, b) => a - b), failed, longestHealth, othersLag };
    },
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * An open-loop client: one request every 1000/rate ms on a keep-alive pool, whether or not the
 * earlier ones have been answered; latency from the time the request was due to its last byte.
 */
async function paced(server: Server, headers: Record<string, string>, make: ReadCase['request'], rate: number, durationS: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const { hostname, port } = new URL(server.url);
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const interval = 1000 / rate;
  const total = Math.round(rate * durationS);
  const t0 = performance.now();
  let sent = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((done) => (finished = done));
  let answered = 0;
  const settle = () => {
    inFlight--;
    if (++answered === total) finished();
  };
  let shed = 0;
  const fire = (due: number) => {
    if (inFlight >= MAX_IN_FLIGHT) {
      // The server is far behind: more requests would only lengthen the queue (and the run). Counted as failed.
      shed++;
      if (++answered === total) finished();
      return;
    }
    const { method, path, body } = make();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const req = httpRequest(
      {
        agent,
        hostname,
        port,
        method,
        path,
        headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          const code = String(res.statusCode);
          codes[code] = (codes[code] ?? 0) + 1;
          if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(performance.now() - due);
          settle();
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      errors++;
      settle();
    });
    req.end(body);
  };
  await new Promise<void>((scheduled) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) fire(t0 + interval * sent++);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, t0 + sent * interval - performance.now())));
      else scheduled();
    };
    tick();
  });
  await allDone;
  const wall = seconds(t0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ok = latencies.length;
  return {
    wall,
    ok,
    failed: total - ok,
    errors,
    shed,
    codes,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[ok - 1] ?? 0,
    maxInFlight,
  };
}

async function readCases(server: Server, keys: Keys, cases: ReadCase[]): Promise<ReadRow[]> {
  const headers = { 'x-api-key': keys.officer, ...CASE_HEADERS };
  const rows: ReadRow[] = [];
  for (const c of cases) {
    const asAutocannon = (): AutocannonRequest => ({
      headers,
      setupRequest: (req) => {
        const { method, path, body } = c.request();
        return body ? { ...req, method, path, body, headers: { ...headers, 'content-type': 'application/json' } } : { ...req, method, path };
      },
    });
    await waitForProjections(server, keys, 600_000);
    progress(`${c.label}: warming up (3 s, not reported) …`);
    await autocannon({ url: server.url, connections: 10, duration: 3, requests: [asAutocannon()], timeout: 30 });
    await waitForProjections(server, keys, 600_000);

    progress(`${c.label}: offered ${fmt(TARGET_RATE)} req/s, open loop, ${DURATION} s …`);
    const open = await observed(server, () => paced(server, headers, c.request, TARGET_RATE, DURATION));
    const o = open.value;
    if (o.failed > 0)
      progress(
        `${c.label} paced: ${o.failed} failed (status codes ${JSON.stringify(o.codes)}, ${o.errors} errors, ${o.shed} not sent with ${MAX_IN_FLIGHT} in flight)`,
      );
    rows.push({
      label: c.label,
      load: `${fmt(TARGET_RATE)}/s offered (open loop)`,
      requests: o.ok + o.failed,
      rps: o.ok / o.wall,
      p50: o.p50,
      p99: o.p99,
      max: o.max,
      failed: o.failed,
      serverCpu: open.serverCpu,
      clientCpu: open.clientCpu,
      peakRssMb: open.peakRssMb,
      target: `p99 < ${TARGET_P99_MS} ms`,
      pass: o.p99 < TARGET_P99_MS && o.failed === 0 && o.ok / o.wall >= TARGET_RATE * 0.97,
    });
    progress(
      `  ${fmt(o.ok / o.wall)} req/s answered, p50 ${o.p50.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, max ${o.max.toFixed(0)} ms, at most ${o.maxInFlight} in flight`,
    );

    await waitForProjections(server, keys, 600_000);
    progress(`${c.label}: autocannon overallRate ${fmt(TARGET_RATE)}, 20 connections, ${DURATION} s …`);
    const bursty = await observed(server, () =>
      autocannon({
        url: server.url,
        connections: 20,
        overallRate: TARGET_RATE,
        ignoreCoordinatedOmission: true,
        duration: DURATION,
        requests: [asAutocannon()],
        timeout: 30,
      }),
    );
    rows.push(cannonRow(c.label, `${fmt(TARGET_RATE)}/s autocannon overallRate`, bursty));

    await waitForProjections(server, keys, 600_000);
    progress(`${c.label}: ${TARGET_CONNECTIONS} connections, unthrottled, ${DURATION} s …`);
    await profiler(server, 'start');
    const flat = await observed(server, () =>
      autocannon({ url: server.url, connections: TARGET_CONNECTIONS, duration: DURATION, requests: [asAutocannon()], timeout: 30 }),
    );
    const profile = await profiler(server, 'stop');
    if (profile) progress(`  server CPU profile: ${profile}`);
    const row = cannonRow(c.label, `${TARGET_CONNECTIONS} connections`, flat);
    row.target = `>= ${fmt(TARGET_RPS)} req/s`;
    row.pass = row.rps >= TARGET_RPS && row.failed === 0;
    rows.push(row);
    progress(`  ${fmt(row.rps)} req/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`);
  }
  return rows;
}

function cannonRow(label: string, load: string, run: Observed<AutocannonResult>): ReadRow {
  const r = run.value;
  const failed = r.non2xx + r.errors + r.timeouts;
  if (failed > 0) {
    const codes = Object.entries(r.statusCodeStats)
      .map(([code, s]) => `${code}: ${s.count}`)
      .join(', ');
    progress(`${label} @${load}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts (status codes ${codes})`);
  }
  return {
    label,
    load,
    requests: r['2xx'] + r.non2xx,
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    failed,
    serverCpu: run.serverCpu,
    clientCpu: run.clientCpu,
    peakRssMb: run.peakRssMb,
  };
}

interface OperatorAnswer {
  operator: { operatorId: string; shops: { shop: string }[]; hubs: unknown[]; nominees: unknown[] };
  truncated?: boolean;
}

/** One client, one request at a time: what an answer holds, and whether it names the operator's shops. */
async function inspectOperators(server: Server, keys: Keys, sample: Sample) {
  const headers = { ...CASE_HEADERS };
  const latencies: number[] = [];
  const sizes: number[] = [];
  let exact = 0;
  let superset = 0;
  let checked = 0;
  let truncated = 0;
  let withHubs = 0;
  let withNominees = 0;
  const misses: string[] = [];
  for (const op of sample.operators.slice(0, 200)) {
    const [platformId, shopId] = op.shops[0].split('/');
    const t0 = performance.now();
    const answer = await getJson<OperatorAnswer>(server, `/enforcement/shops/${platformId}/${encodeURIComponent(shopId)}/operator`, keys.officer, headers);
    latencies.push(performance.now() - t0);
    const found = new Set(answer.operator.shops.map((s) => s.shop.replace(':', '/')));
    sizes.push(found.size);
    if (answer.truncated) truncated++;
    if (answer.operator.hubs.length > 0) withHubs++;
    if (answer.operator.nominees.length > 0) withNominees++;
    checked++;
    const all = op.shops.every((s) => found.has(s));
    if (all && found.size === op.shops.length) exact++;
    else if (all) superset++;
    else if (misses.length < 5)
      misses.push(`operator ${op.operator}${op.nomineeFronted ? ' (nominee-fronted)' : ''}: ${op.shops.length} shops, answer ${found.size}`);
  }
  latencies.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  return {
    checked,
    exact,
    superset,
    missed: checked - exact - superset,
    misses,
    truncated,
    withHubs,
    withNominees,
    sizeP50: percentile(sizes, 50),
    sizeMax: sizes[sizes.length - 1] ?? 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/** A hub phone, asked about one at a time: the heaviest identifier answer (hundreds of shops). */
async function hubLookups(server: Server, keys: Keys, sample: Sample) {
  const latencies: number[] = [];
  let shops = 0;
  for (let i = 0; i < 20; i++) {
    const phone = sample.hubPhones[i % sample.hubPhones.length];
    const t0 = performance.now();
    const { status, body } = await postJson<{ shops: unknown[] }>(
      server,
      '/enforcement/identifier-searches',
      keys.officer,
      { kind: 'phone', value: phone },
      CASE_HEADERS,
    );
    latencies.push(performance.now() - t0);
    if (status !== 200) throw new Error(`hub phone lookup: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
    shops = Math.max(shops, body.shops.length);
  }
  latencies.sort((a, b) => a - b);
  return { shops, p50: percentile(latencies, 50), max: latencies[latencies.length - 1] };
}

// ---------------------------------------------------------------------------------------------
// c. The projection under 2,000 new claims per second

interface CatchUp {
  /** Milliseconds from a bulk answer until the identity graph's checkpoint was seen at the head read after it. */
  p50: number;
  p99: number;
  max: number;
  /** Samples of head − checkpoint, in events. */
  lagP50: number;
  lagMax: number;
  samples: number;
  unresolved: number;
}

interface LiveResult {
  requests: number;
  shops: number;
  claims: number;
  wall: number;
  claimsPerSecond: number;
  requestP50: number;
  requestMax: number;
  skippedTicks: number;
  serverCpu: number;
  peakRssMb: number;
  /** As a client sees it: GET /admin/projections every 100 ms (answered by the busy server, after what it is doing). */
  api: CatchUp;
  /** As the database holds it: the events table and the checkpoint, read every 20 ms from a connection of this process. */
  db: CatchUp;
  /** The operator view's point (what its answers reflect), read with the head every 20 ms. */
  view: CatchUp;
}

/** Follows one way of reading head and checkpoint: pending answers, and how long each took to be applied. */
class CatchUpTracker {
  private readonly pending: { head: number; answeredAt: number }[] = [];
  private readonly times: number[] = [];
  private readonly lags: number[] = [];

  expect(head: number, answeredAt: number): void {
    this.pending.push({ head, answeredAt });
  }

  /** A sample read at `seenAt`: resolves every answer whose head the checkpoint has reached. */
  sample(head: number, checkpoint: number, seenAt: number): void {
    this.lags.push(Math.max(0, head - checkpoint));
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (checkpoint >= this.pending[i].head) {
        this.times.push(Math.max(0, seenAt - this.pending[i].answeredAt));
        this.pending.splice(i, 1);
      }
    }
  }

  get waiting(): number {
    return this.pending.length;
  }

  result(): CatchUp {
    const times = [...this.times].sort((a, b) => a - b);
    const lags = [...this.lags].sort((a, b) => a - b);
    return {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times[times.length - 1] ?? 0,
      lagP50: percentile(lags, 50),
      lagMax: lags[lags.length - 1] ?? 0,
      samples: lags.length,
      unresolved: this.pending.length,
    };
  }
}

async function live(server: Server, database: BenchDatabase, keys: Keys, mainHubs: number): Promise<LiveResult> {
  await waitForProjections(server, keys, 600_000);
  const runTag = Date.now().toString(36);
  // New people and shops (another prefix and counters), on the same hub depots.
  const dataset = new ResolutionDataset({
    shops: 10_000_000,
    seed: SEED,
    shopPrefix: `live-${runTag}-`,
    idBase: 50_000_000 + (LIVE_ID_BLOCK ?? Date.now() % 40) * 1_000_000,
    hubs: mainHubs,
  });
  const shops = dataset.shops();
  const claimsPerTick = (TARGET_CLAIMS_PER_SECOND * LIVE_TICK_MS) / 1000;
  const api = new CatchUpTracker();
  const direct = new CatchUpTracker();
  const view = new CatchUpTracker();
  // Head, checkpoint and the operator view's point (where its answers stand, not only its checkpoint),
  // on a connection of this process; the answers' heads on another, so that the two never wait for each other.
  const polled = await database.positions();
  const answered = await database.positions();
  const requestTimes: number[] = [];
  let claims = 0;
  let shopCount = 0;
  let requests = 0;
  let inFlight = 0;
  let skippedTicks = 0;
  let sampling = true;
  let failure: Error | undefined;

  const until = () => sampling || api.waiting > 0 || direct.waiting > 0 || view.waiting > 0;
  const deadline = () => !sampling && performance.now() - stoppedAt > 60_000;
  let stoppedAt = 0;
  const apiSampler = (async () => {
    while (until() && !deadline()) {
      const at = performance.now();
      const graph = (await projections(server, keys)).find((s) => s.name === IDENTITY_GRAPH)!;
      api.sample(graph.head, graph.checkpoint, performance.now());
      await sleep(Math.max(0, 100 - (performance.now() - at)));
    }
  })();
  const dbSampler = (async () => {
    while (until() && !deadline()) {
      const at = performance.now();
      const checkpoint = await polled.checkpoint(IDENTITY_GRAPH);
      const head = await polled.head();
      const viewPoint = await polled.viewPoint();
      const seenAt = performance.now();
      direct.sample(head, checkpoint, seenAt);
      view.sample(head, viewPoint, seenAt);
      await sleep(Math.max(0, 20 - (performance.now() - at)));
    }
  })();

  const send = async (platformId: PlatformId, batch: GeneratedShop[]) => {
    inFlight++;
    try {
      const started = performance.now();
      const { status, body } = await postOnce<{ counts?: Record<string, number> }>(server, '/platform/shops/bulk', keys.platforms[platformId], bulkBody(batch));
      const answeredAt = performance.now();
      requestTimes.push(answeredAt - started);
      if (status !== 200 || body.counts?.registered !== batch.length)
        throw new Error(`live bulk request: HTTP ${status} ${JSON.stringify(body).slice(0, 500)}`);
      // The head after the answer (writes answered later may be in it too: an upper bound).
      const written = await answered.head();
      direct.expect(written, answeredAt);
      view.expect(written, answeredAt);
      const head = (await projections(server, keys))[0].head;
      api.expect(head, answeredAt);
      claims += batch.reduce((sum, s) => sum + s.body.claims.length, 0);
      shopCount += batch.length;
      requests++;
    } catch (error) {
      failure = error as Error;
    } finally {
      inFlight--;
    }
  };

  const run = await observed(server, async () => {
    const t0 = performance.now();
    const ticks = Math.round((LIVE_SECONDS * 1000) / LIVE_TICK_MS);
    const sends: Promise<void>[] = [];
    for (let tick = 0; tick < ticks && !failure; tick++) {
      await sleep(Math.max(0, t0 + tick * LIVE_TICK_MS - performance.now()));
      if (inFlight >= 12) {
        skippedTicks++; // the server does not keep up: offer no more than it can take
        continue;
      }
      const byPlatform: Record<PlatformId, GeneratedShop[]> = { shopee: [], lazada: [], tiktok: [] };
      for (let n = 0; n < claimsPerTick;) {
        const shop = shops.next().value as GeneratedShop;
        byPlatform[shop.platformId].push(shop);
        n += shop.body.claims.length;
      }
      for (const platformId of PLATFORMS) if (byPlatform[platformId].length > 0) sends.push(send(platformId, byPlatform[platformId]));
    }
    await Promise.all(sends);
    return seconds(t0);
  });
  sampling = false;
  stoppedAt = performance.now();
  await Promise.all([apiSampler, dbSampler]);
  await Promise.all([polled.close(), answered.close()]);
  if (failure) throw failure;
  requestTimes.sort((a, b) => a - b);
  return {
    requests,
    shops: shopCount,
    claims,
    wall: run.value,
    claimsPerSecond: claims / run.value,
    requestP50: percentile(requestTimes, 50),
    requestMax: requestTimes[requestTimes.length - 1] ?? 0,
    skippedTicks,
    serverCpu: run.serverCpu,
    peakRssMb: run.peakRssMb,
    api: api.result(),
    db: direct.result(),
    view: view.result(),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...body.map(line)];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
const verdict = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const totalStart = performance.now();
  build(progress);
  const keepData = DATA_DIR !== undefined;
  const dataDir = DATA_DIR ?? mkdtempSync(join(tmpdir(), 'registry-resolution-bench-'));
  mkdirSync(dataDir, { recursive: true });
  let meta = readMeta(dataDir);
  if (meta && (meta.seed !== SEED || meta.shops !== SHOPS || meta.bulkSize !== BULK_SIZE)) {
    throw new Error(
      `${dataDir} holds the data set of ${fmt(meta.shops)} shops (seed ${meta.seed}); asked for ${fmt(SHOPS)} (seed ${SEED}): use another BENCH_DATA_DIR`,
    );
  }
  if (meta && (meta.store ?? 'sqlite') !== (DATABASE_URL ? 'postgres' : 'sqlite')) {
    throw new Error(`${dataDir} was loaded on ${meta.store ?? 'sqlite'}${DATABASE_URL ? '' : ' (DATABASE_URL unset)'}: use another BENCH_DATA_DIR`);
  }
  const database = await openBenchDatabase(dataDir, DATABASE_URL, keepData);
  progress(`database: ${database.description}`);
  if (!meta && !database.fresh) {
    await database.close();
    throw new Error(`${dataDir} holds a registry that this benchmark did not load (no ${META_FILE}): use an empty or new folder`);
  }
  if (meta && database.fresh) {
    await database.close();
    throw new Error(`${dataDir} says it was loaded (${META_FILE}) but its database is new: remove the folder or use another BENCH_DATA_DIR`);
  }
  // Live, not ready: a partly loaded folder starts with its projections behind, which ready refuses;
  // a large database may take a while to open and migrate.
  const start = (role: string) =>
    startServer(dataDir, { healthPath: '/health/live', timeoutMs: 300_000, progress, env: { ...database.env, REGISTRY_ROLE: role } });
  let projector: Server | undefined;
  let server: Server;
  try {
    projector = SPLIT ? await start('projector') : undefined;
    server = await start(SPLIT ? 'api' : 'all');
  } catch (error) {
    if (projector) await stopServer(projector);
    await database.close();
    throw error;
  }
  const out: string[] = [''];
  const notes: string[] = [];
  try {
    const admin = bootstrapKey(dataDir, 'bootstrap-admin');
    if (!meta) {
      meta = {
        seed: SEED,
        shops: SHOPS,
        store: database.kind,
        bulkSize: BULK_SIZE,
        platformKeys: await createPlatformPrincipals(server, admin),
        requestsDone: 0,
        complete: false,
      };
      writeMeta(dataDir, meta);
    }
    const keys: Keys = { admin, officer: bootstrapKey(dataDir, 'demo-officer'), platforms: meta.platformKeys };

    // ----- a. load (or find the loaded data set again)
    const dataset = new ResolutionDataset({ shops: SHOPS, seed: SEED });
    const sample: Sample = { shops: [], identifiers: [], operators: [], hubPhones: [] };
    const sampleRng = new Prng(`${SEED}/sample`);
    let loadFigures: LoadFigures;
    let loadedNow = false;
    if (meta.complete && meta.load) {
      progress(`${dataDir} holds the data set already (${fmt(SHOPS)} shops): not loading it again; generating it to find samples …`);
      const t0 = performance.now();
      for (const request of bulkRequests(dataset, sample, sampleRng)) void request;
      progress(`generated in ${seconds(t0).toFixed(0)} s`);
      loadFigures = meta.load;
      await waitForProjections(server, keys, 6 * 3600_000, 'catching up');
    } else {
      progress(`loading ${fmt(SHOPS)} shops as bulk requests of ${fmt(BULK_SIZE)}, ${BULK_CONCURRENCY} in flight …`);
      loadFigures = await load(server, database, keys, meta, dataset, sample, sampleRng);
      if (meta.requestsDone >= LOAD_UNTIL) {
        const f = loadFigures;
        if (f.shops === 0) throw new Error(`BENCH_LOAD_UNTIL=${LOAD_UNTIL}: ${dataDir} holds ${meta.requestsDone} bulk requests already, nothing to load`);
        const loaded = meta.requestsDone * BULK_SIZE;
        console.log(
          `stopped at ${fmt(meta.requestsDone)} bulk requests (about ${fmt(loaded)} shops) as BENCH_LOAD_UNTIL asks: this stretch ` +
            `${fmt(f.shops)} shops in ${f.seconds.toFixed(0)} s + ${f.catchUpSeconds.toFixed(0)} s catch-up, ${fmt(f.shopsPerSecond)} shops/s, ` +
            `server CPU ${pct(f.serverCpu)} (${((f.serverCpu * f.seconds * 1000) / f.shops).toFixed(2)} ms a shop while sending), ` +
            `request p50 ${f.requestP50.toFixed(2)} s, max ${f.requestMax.toFixed(2)} s, peak RSS ${fmt(f.peakRssMb)} MiB, database ${mib(f.databaseBytes)}`,
        );
        return;
      }
      meta.complete = true;
      meta.load = loadFigures;
      writeMeta(dataDir, meta);
      loadedNow = true;
    }
    const afterLoad = await projections(server, keys);
    const stats = dataset.stats;

    out.push(
      `data set: ${fmt(stats.shops)} shops, ${fmt(stats.claims)} claims (${(stats.claims / stats.shops).toFixed(2)} per shop), ${fmt(stats.operators)} operators ` +
        `(1 to 8 shops), ${fmt(stats.nominees)} nominees fronting ${fmt(stats.nomineeOperators)} operators, ${stats.hubs} hub depots stated by ${fmt(stats.hubShops)} shops; ` +
        `platforms ${PLATFORMS.map((p) => `${p} ${fmt(stats.byPlatform[p])}`).join(', ')}; seed ${SEED}`,
    );
    out.push(
      `claims by role: ${Object.entries(stats.byRole)
        .map(([role, n]) => `${role} ${fmt(n)}`)
        .join(', ')}`,
    );
    out.push('');
    out.push(
      ...table(
        [
          'load',
          'shops',
          'claims',
          'events',
          'seconds',
          'shops/s',
          'claims/s',
          'events/s',
          'request p50 s',
          'request max s',
          'server CPU',
          'client CPU',
          'catch-up s',
          'peak RSS',
          'database',
        ],
        [
          [
            `${loadFigures.requests === undefined ? '' : `${fmt(loadFigures.requests)} `}bulk requests of <= ${fmt(BULK_SIZE)}, ${BULK_CONCURRENCY} in flight${loadFigures.resumed ? ' (resumed)' : ''}${loadedNow ? '' : ' (earlier run)'}`,
            fmt(loadFigures.shops),
            fmt(loadFigures.claims),
            fmt(loadFigures.events),
            loadFigures.seconds.toFixed(0),
            fmt(loadFigures.shopsPerSecond),
            fmt(loadFigures.claimsPerSecond),
            fmt(loadFigures.eventsPerSecond),
            loadFigures.requestP50.toFixed(2),
            loadFigures.requestMax.toFixed(2),
            pct(loadFigures.serverCpu),
            pct(loadFigures.clientCpu),
            loadFigures.catchUpSeconds.toFixed(0),
            `${fmt(loadFigures.peakRssMb)} MiB`,
            mib(loadFigures.databaseBytes),
          ],
        ],
      ),
    );
    out.push(`projections at the head ${fmt(afterLoad[0]?.head ?? 0)}: ${afterLoad.map((s) => s.name).join(', ')}`);
    if (!loadedNow) out.push(`load figures are those of the run that loaded ${dataDir}; database now ${mib(await database.bytes())}`);

    const summary: string[][] = [];
    if (PHASES.has('reads')) {
      // ----- b. reads
      const pick = new Prng(`${SEED}/reads`);
      const operatorCase: ReadCase = {
        label: 'operator of a shop',
        request: () => {
          const [platformId, shopId] = pick.pick(sample.shops).split('/');
          return { method: 'GET', path: `/enforcement/shops/${platformId}/${encodeURIComponent(shopId)}/operator` };
        },
      };
      const identifierCase: ReadCase = {
        label: 'shops by identifier',
        request: () => ({ method: 'POST', path: '/enforcement/identifier-searches', body: JSON.stringify(pick.pick(sample.identifiers)) }),
      };
      const personCase: ReadCase = {
        label: 'operators of a person',
        request: () => ({ method: 'POST', path: '/enforcement/person-searches', body: JSON.stringify(pick.pick(sample.identifiers)) }),
      };
      progress('one client, one request at a time: 200 operators of the ground truth …');
      const inspected = await inspectOperators(server, keys, sample);
      const hubs = await hubLookups(server, keys, sample);
      const noOpCase: ReadCase = { label: 'authenticated no-op', request: () => ({ method: 'GET', path: '/whoami' }) };
      const readRows = await readCases(server, keys, [noOpCase, operatorCase, identifierCase, personCase]);
      out.push('');
      out.push(
        ...table(
          ['read', 'load', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'failed', 'server CPU', 'client CPU', 'peak RSS MiB', 'target', ''],
          readRows.map((r) => [
            r.label,
            r.load,
            fmt(r.requests),
            fmt(r.rps),
            r.p50.toFixed(1),
            r.p99.toFixed(1),
            r.max.toFixed(0),
            String(r.failed),
            pct(r.serverCpu),
            pct(r.clientCpu),
            fmt(r.peakRssMb),
            r.target ?? '',
            verdict(r.pass),
          ]),
        ),
      );
      out.push(
        `one client, sequential, ${inspected.checked} operators of the ground truth: p50 ${inspected.p50.toFixed(1)} ms, p99 ${inspected.p99.toFixed(1)} ms, max ${inspected.max.toFixed(0)} ms; ` +
          `answer found exactly their shops for ${inspected.exact}, more shops for ${inspected.superset}, missed some for ${inspected.missed}` +
          `${inspected.misses.length ? ` (${inspected.misses.join('; ')})` : ''}; shops per answer p50 ${inspected.sizeP50}, max ${inspected.sizeMax}; ` +
          `${inspected.truncated} truncated, ${inspected.withHubs} with a hub, ${inspected.withNominees} with a nominee`,
      );
      out.push(
        `hub phone (a depot stated by ${fmt(hubs.shops)} shops) by identifier, sequential: p50 ${hubs.p50.toFixed(1)} ms, max ${hubs.max.toFixed(0)} ms (not in the sample above)`,
      );

      const row = (label: string, load: string) => readRows.find((r) => r.label === label && r.load.startsWith(load))!;
      summary.push(
        [
          'operator lookup p99 at 1,000 req/s',
          `< ${TARGET_P99_MS} ms`,
          `${row('operator of a shop', '1,000/s offered').p99.toFixed(1)} ms`,
          verdict(row('operator of a shop', '1,000/s offered').pass),
        ],
        [
          'operator lookup, 50 connections',
          `>= ${fmt(TARGET_RPS)} req/s`,
          `${fmt(row('operator of a shop', '50').rps)} req/s`,
          verdict(row('operator of a shop', '50').pass),
        ],
        [
          'identifier lookup p99 at 1,000 req/s',
          `< ${TARGET_P99_MS} ms`,
          `${row('shops by identifier', '1,000/s offered').p99.toFixed(1)} ms`,
          verdict(row('shops by identifier', '1,000/s offered').pass),
        ],
        [
          'identifier lookup, 50 connections',
          `>= ${fmt(TARGET_RPS)} req/s`,
          `${fmt(row('shops by identifier', '50').rps)} req/s`,
          verdict(row('shops by identifier', '50').pass),
        ],
        ...['operator of a shop', 'shops by identifier', 'operators of a person'].map((label) => {
          const share = row(label, '50').rps / row('authenticated no-op', '50').rps;
          return [`${label}, 50 connections, of the no-op's req/s`, '>= 50%', pct(share), verdict(share >= 0.5)];
        }),
      );
    }

    if (PHASES.has('rebuild')) {
      // ----- the operator view rebuilt from the events (the runner reads them all again; the view is resolved once)
      progress('rebuilding the operator view …');
      const rebuildStart = performance.now();
      // On a connection of its own with no answer timeout: at a million shops the rebuild takes longer
      // than fetch's five minutes of waiting for headers.
      await profiler(projector ?? server, 'start');
      const beside = whileRebuilding(server, projector ?? server, keys);
      const rebuilt = await postOnce<unknown>(projector ?? server, `/admin/projections/${OPERATOR_VIEW}/rebuild`, keys.admin, '{}');
      const rebuildProfile = await profiler(projector ?? server, 'stop');
      if (rebuildProfile) progress(`  server CPU profile of the rebuild: ${rebuildProfile}`);
      if (rebuilt.status !== 200) throw new Error(`operator-view rebuild: HTTP ${rebuilt.status} ${JSON.stringify(rebuilt.body).slice(0, 300)}`);
      summary.push(['operator view rebuild', 'report', `${seconds(rebuildStart).toFixed(1)} s`, '']);
      const { health, registrations, failed, longestHealth, othersLag } = await beside.stop();
      const caughtUp = await waitForProjections(projector ?? server, keys, 600_000);
      const spread = (sorted: number[]) => `${sorted.length} answers, p50 ${fmt(percentile(sorted, 50))} ms, max ${fmt(sorted[sorted.length - 1] ?? 0)} ms`;
      summary.push(['/health/live every 200 ms during the rebuild', 'report', `${spread(health)} (sent ${longestHealth.atS.toFixed(1)} s in)`, '']);
      summary.push(['a registration every 500 ms during the rebuild', 'report', `${spread(registrations)}${failed > 0 ? `, ${failed} failed` : ''}`, '']);
      summary.push([
        'the other projections during the rebuild',
        'report',
        `largest lag ${fmt(othersLag)} events; all at the head ${caughtUp.toFixed(1)} s after it`,
        '',
      ]);
    }

    if (PHASES.has('live')) {
      // ----- c. the projection keeping up
      progress(`registering new shops at ${fmt(TARGET_CLAIMS_PER_SECOND)} claims/s for ${LIVE_SECONDS} s …`);
      await profiler(server, 'start');
      const liveResult = await live(server, database, keys, stats.hubs);
      const liveProfile = await profiler(server, 'stop');
      if (liveProfile) progress(`  server CPU profile: ${liveProfile}`);
      const sustained = liveResult.claimsPerSecond >= TARGET_CLAIMS_PER_SECOND * 0.98 && liveResult.skippedTicks === 0;
      const keptUp = (c: CatchUp) => c.p99 < TARGET_LAG_MS && c.unresolved === 0;
      out.push('');
      out.push(
        ...table(
          [
            'new claims',
            'requests',
            'shops',
            'claims',
            'claims/s',
            'skipped ticks',
            'request p50 ms',
            'request max ms',
            'server CPU',
            'peak RSS MiB',
            'target',
            '',
          ],
          [
            [
              `${LIVE_SECONDS} s, a bulk request per platform every ${LIVE_TICK_MS} ms`,
              fmt(liveResult.requests),
              fmt(liveResult.shops),
              fmt(liveResult.claims),
              fmt(liveResult.claimsPerSecond),
              String(liveResult.skippedTicks),
              liveResult.requestP50.toFixed(0),
              liveResult.requestMax.toFixed(0),
              pct(liveResult.serverCpu),
              fmt(liveResult.peakRssMb),
              `${fmt(TARGET_CLAIMS_PER_SECOND)} claims/s`,
              verdict(sustained),
            ],
          ],
        ),
      );
      out.push('');
      out.push(
        ...table(
          [
            'identity-graph catch-up after each answer',
            'samples',
            'p50 ms',
            'p99 ms',
            'max ms',
            'lag p50 events',
            'lag max events',
            'never reached',
            'target',
            '',
          ],
          (
            [
              ['GET /admin/projections every 100 ms', liveResult.api],
              ['database read every 20 ms', liveResult.db],
              ['operator view point, database read every 20 ms', liveResult.view],
            ] as const
          ).map(([label, c]) => [
            label,
            fmt(c.samples),
            c.p50.toFixed(0),
            c.p99.toFixed(0),
            c.max.toFixed(0),
            fmt(c.lagP50),
            fmt(c.lagMax),
            String(c.unresolved),
            `p99 < ${fmt(TARGET_LAG_MS)} ms`,
            verdict(keptUp(c)),
          ]),
        ),
      );

      summary.push(
        ['new claims sustained', `${fmt(TARGET_CLAIMS_PER_SECOND)} claims/s`, `${fmt(liveResult.claimsPerSecond)} claims/s`, verdict(sustained)],
        [
          'identity-graph catch-up p99 (API poll)',
          `< ${TARGET_LAG_MS} ms`,
          `${liveResult.api.p99.toFixed(0)} ms (max ${liveResult.api.max.toFixed(0)})`,
          verdict(keptUp(liveResult.api)),
        ],
        [
          'identity-graph catch-up p99 (database poll)',
          `< ${TARGET_LAG_MS} ms`,
          `${liveResult.db.p99.toFixed(0)} ms (max ${liveResult.db.max.toFixed(0)})`,
          verdict(keptUp(liveResult.db)),
        ],
        [
          'operator view lag p99 (database poll)',
          `< ${TARGET_LAG_MS} ms`,
          `${liveResult.view.p99.toFixed(0)} ms (p50 ${liveResult.view.p50.toFixed(0)}, max ${liveResult.view.max.toFixed(0)})`,
          verdict(keptUp(liveResult.view)),
        ],
      );
    }

    // ----- summary
    const peakRssMb = procStatusKb(server.child.pid!, 'VmHWM') / 1024;
    const storage = await database.breakdown();
    const databaseBytes = await database.bytes();
    summary.push(
      ['load', 'report', `${loadFigures.seconds.toFixed(0)} s + ${loadFigures.catchUpSeconds.toFixed(0)} s catch-up`, ''],
      ['server peak RSS (VmHWM), this process', 'report', `${fmt(peakRssMb)} MiB`, ''],
      ['server peak RSS while loading', 'report', `${fmt(loadFigures.peakRssMb)} MiB`, ''],
      ...(projector ? [['projector peak RSS (VmHWM)', 'report', `${fmt(procStatusKb(projector.child.pid!, 'VmHWM') / 1024)} MiB`, '']] : []),
      ['database size', 'report', mib(databaseBytes), ''],
      ['database bytes per shop', 'report', fmt(databaseBytes / SHOPS), ''],
      ...storage.objects.filter((o) => o.table.startsWith('operator_view')).map((o) => [`${o.name} bytes per shop`, 'report', fmt(o.bytes / SHOPS), '']),
    );
    out.push('');
    out.push(...table([`summary (${fmt(SHOPS)} shops)`, 'target', 'measured', ''], summary));
    out.push(`total time: ${seconds(totalStart).toFixed(0)} s`);
    out.push('', `bytes per table (${fmt(SHOPS)} shops)`, formatBytesPerTable(storage, SHOPS), '', formatStorageBreakdown(storage, SHOPS));
    const served = projector
      ? 'the API process (REGISTRY_ROLE=api), the projector process (REGISTRY_ROLE=projector) not counted'
      : 'one Node.js thread, projections included';
    notes.push(
      `${cpus().length} CPUs shared by the load generator (client CPU) and the registry (server CPU, 100% = one core; ${served}${database.kind === 'sqlite' ? ', SQLite too' : '; PostgreSQL is other processes, not counted in it'}).`,
    );
    notes.push(
      `database: ${database.description}; its size is ${database.kind === 'sqlite' ? 'the file with its WAL' : 'the tables (with TOAST) and indexes of schema public, the system catalogs left out'}.`,
    );
    notes.push(
      "open loop: one request due every millisecond, latency counted from when it was due; autocannon overallRate sends each connection's share at the start of each second (bursts), latency from when it was sent.",
    );
    notes.push('every enforcement read appends an audit event (a write) before it answers; the enforcement-audit projection applies them.');
    notes.push(
      'catch-up: from a bulk answer until the identity-graph checkpoint is seen at the head read just after that answer; through the API (GET /admin/projections, ' +
        "answered only when the single-threaded server gets to it, so it includes that wait) and straight from the database (the projection's own lag).",
    );
    if (server.warnings.length > 0)
      notes.push(`the server logged ${server.warnings.length} lines on stdout/stderr (first: ${server.warnings[0].slice(0, 300)})`);
    notes.forEach((n) => out.push(`- ${n}`));
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      progress(`the registry had exited (${server.child.exitCode ?? server.child.signalCode}); its last lines:\n${server.warnings.slice(-30).join('\n')}`);
    } else if (server.warnings.length > 0) {
      progress(`the registry's last lines:\n${server.warnings.slice(-10).join('\n')}`);
    }
    await stopServer(server);
    if (projector) await stopServer(projector);
    await database.close();
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    else progress(`data kept in ${dataDir} (BENCH_DATA_DIR): a run with the same BENCH_SHOPS reuses it`);
  }
}

/** An error with its causes (fetch hides the reason in `cause`). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) parts.push(e.message ?? String(e));
  return parts.join(': ');
}

main().catch((error) => {
  process.stderr.write(`${describe(error)}\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
