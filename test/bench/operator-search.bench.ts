/**
 * `npm run bench:operator-search`: the batch read of operators against the single read it replaces.
 *
 * Not a test: it builds once (`npm run build`), starts the service in a child process (embedded
 * SQLite) on a fresh data folder, loads BENCH_SHOPS shops of resolution-dataset.ts through the bulk
 * API, waits for the projections, then asks for the operators of BENCH_BATCH shops drawn at random:
 *   - POST /enforcement/operator-searches (view=full, then view=summary), BENCH_REPEAT times each;
 *   - GET /enforcement/shops/{platform}/{shop}/operator for each shop, 8 requests in flight.
 * It prints, for each, the time (median of the repeats), the response size and the audit records
 * written. Progress goes to stderr; stdout carries only the results.
 *
 * BENCH_SHOPS   shops loaded (default 20,000)
 * BENCH_BATCH   shops asked about (default 1,000, the most one batch read takes)
 * BENCH_REPEAT  repeats of each batch read (default 3)
 * BENCH_SKIP_BUILD, BENCH_MAIN, BENCH_PROFILE_DIR: see bench-server.ts (with a profile dir, the first
 *               batch read of each view is profiled)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Server, build, profiler, sleep, startServer, stopServer } from './bench-server';
import { Prng } from '../support/prng';
import { GeneratedShop, ResolutionDataset, bulkBody } from './resolution-dataset';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BULK_SIZE = 5000;
const IN_FLIGHT = 8;
const CASE = { 'x-case-reference': 'BENCH-2026-0002', 'x-purpose': 'counterfeit_goods' };

const progress = (message: string) => process.stderr.write(`[bench:operator-search] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function call(server: Server, key: string, method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { method, headers: { 'x-api-key': key, 'content-type': 'application/json', ...CASE }, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

async function waitForProjections(server: Server, admin: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${server.url}/admin/projections`, { headers: { 'x-api-key': admin } });
    const statuses = (await response.json()) as { lag: number }[];
    if (statuses.every((s) => s.lag === 0)) return;
    await sleep(500);
  }
}

async function main(): Promise<void> {
  build(progress);
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
  const server = await startServer(dataDir, { healthPath: '/health/live', timeoutMs: 30_000, progress });
  try {
    const keys = new Map(
      (JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] }).principals.map((p) => [
        p.principalId,
        p.apiKey,
      ]),
    );
    const admin = keys.get('bootstrap-admin')!;
    const officer = keys.get('demo-officer')!;
    const platformKeys = new Map<string, string>();
    const shops: GeneratedShop[] = [];
    const dataset = new ResolutionDataset({ shops: SHOPS, seed: 'operator-search-bench' });
    let batch: GeneratedShop[] = [];
    const send = async () => {
      for (const platformId of new Set(batch.map((s) => s.platformId))) {
        if (!platformKeys.has(platformId)) {
          const created = await fetch(`${server.url}/admin/principals`, {
            method: 'POST',
            headers: { 'x-api-key': admin, 'content-type': 'application/json' },
            body: JSON.stringify({ principalId: `${platformId}-bench`, role: 'platform', name: platformId, platformId }),
          });
          platformKeys.set(platformId, ((await created.json()) as { apiKey: string }).apiKey);
        }
        const answer = await call(
          server,
          platformKeys.get(platformId)!,
          'POST',
          '/platform/shops/bulk',
          bulkBody(batch.filter((s) => s.platformId === platformId)),
        );
        if (answer.status !== 200) throw new Error(`bulk registration: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      batch = [];
    };
    progress(`loading ${SHOPS.toLocaleString('en-US')} shops …`);
    for (const shop of dataset.shops()) {
      shops.push(shop);
      batch.push(shop);
      if (batch.length === BULK_SIZE) {
        await send();
        progress(`${shops.length.toLocaleString('en-US')} shops sent`);
      }
    }
    if (batch.length > 0) await send();
    await waitForProjections(server, admin);

    const rng = new Prng('operator-search-bench/sample');
    const asked = Array.from({ length: BATCH }, () => shops[rng.int(shops.length)]).map((s) => ({ platformId: s.platformId, shopId: s.body.shopId }));
    const body = JSON.stringify({ shops: asked });
    const rows: [string, string, string, string][] = [];
    for (const view of ['full', 'summary']) {
      const runs = [];
      await profiler(server, 'start');
      for (let i = 0; i < REPEAT; i++) {
        runs.push(await call(server, officer, 'POST', `/enforcement/operator-searches?view=${view}`, body));
        if (i === 0) {
          const profile = await profiler(server, 'stop');
          if (profile) progress(`profile of view=${view}: ${profile}`);
        }
      }
      if (runs.some((r) => r.status !== 200)) throw new Error(`operator-searches: HTTP ${runs.map((r) => r.status).join(', ')} ${runs[0].text.slice(0, 300)}`);
      rows.push([
        `POST /enforcement/operator-searches?view=${view}`,
        `${median(runs.map((r) => r.ms)).toFixed(0)} ms`,
        kib(Buffer.byteLength(runs[0].text)),
        '1',
      ]);
    }
    const started = performance.now();
    let bytes = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < asked.length) {
          const { platformId, shopId } = asked[next++];
          const answer = await call(server, officer, 'GET', `/enforcement/shops/${platformId}/${shopId}/operator`);
          if (answer.status !== 200) throw new Error(`operator: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
          bytes += Buffer.byteLength(answer.text);
        }
      }),
    );
    rows.push([`GET …/operator × ${BATCH} (${IN_FLIGHT} in flight)`, `${(performance.now() - started).toFixed(0)} ms`, kib(bytes), String(BATCH)]);

    process.stdout.write(`operators of ${BATCH.toLocaleString('en-US')} random shops among ${SHOPS.toLocaleString('en-US')} (embedded SQLite)\n\n`);
    process.stdout.write(`| read | time | response | audit records |\n| --- | --- | --- | --- |\n`);
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
