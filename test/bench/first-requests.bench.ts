/**
 * Operator reads from a client that opens all its connections at once, as autocannon does at the
 * start of every case of `bench:resolution`: how long the first request of each connection waits
 * against the rest (a server that accepts connections late shows a staircase of first requests).
 * `BENCH_DATA_DIR=<folder bench:resolution loaded> BENCH_SHOPS=… npx ts-node --transpile-only -r tsconfig-paths/register test/bench/first-requests.bench.ts`
 *
 * BENCH_DATA_DIR     the loaded folder (required; the reads append audit records to it: give it a copy)
 * BENCH_SHOPS        its number of shops (default 10,000)
 * BENCH_MAIN         the build (default dist/apps/registry/src/main.js, see bench-server.ts)
 * BENCH_CONNECTIONS  default 50; BENCH_DURATION seconds a round (default 5); BENCH_ROUNDS (default 2, one server)
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer, stopServer } from './bench-server';
import { ResolutionDataset } from './resolution-dataset';
import { Prng } from '../support/prng';

const DATA_DIR = process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : undefined;
const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const progress = (message: string) => process.stderr.write(`[bench:first-requests] ${new Date().toISOString().slice(11, 19)} ${message}\n`);

interface Read {
  readonly connection: number;
  readonly first: boolean;
  readonly ms: number;
}

/** One round: CONNECTIONS clients, each sending operator reads one after another for DURATION seconds. */
async function round(url: string, headers: Record<string, string>, shops: readonly string[], pick: Prng): Promise<Read[]> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const reads: Read[] = [];
  const t0 = performance.now();
  const client = async (connection: number) => {
    for (let first = true; performance.now() - t0 < DURATION * 1000; first = false) {
      const sent = performance.now();
      await new Promise<void>((done, fail) => {
        const req = httpRequest({ agent, hostname, port, path: `/enforcement/shops/${pick.pick(shops)}/operator`, headers }, (res) => {
          res.resume();
          res.on('end', done);
        });
        req.on('error', fail);
        req.end();
      });
      reads.push({ connection, first, ms: performance.now() - sent });
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  return reads;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function main(): Promise<void> {
  if (!DATA_DIR) throw new Error('BENCH_DATA_DIR: a copy of a folder bench:resolution loaded');
  const shops = [...new ResolutionDataset({ shops: SHOPS }).shops()].map((shop) => `${shop.platformId}/${encodeURIComponent(shop.body.shopId)}`);
  const officer = (
    JSON.parse(readFileSync(join(DATA_DIR, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] }
  ).principals.find((p) => p.principalId === 'demo-officer')!.apiKey;
  const headers = { 'x-api-key': officer, 'x-case-reference': 'BENCH-FIRST-REQUESTS', 'x-purpose': 'counterfeit_goods' };
  const server = await startServer(DATA_DIR, { healthPath: '/health/live', timeoutMs: 600_000, progress });
  try {
    const pick = new Prng('first-requests');
    for (let r = 1; r <= ROUNDS; r++) {
      const reads = await round(server.url, headers, shops, pick);
      const all = reads.map((read) => read.ms).sort((a, b) => a - b);
      const firsts = reads
        .filter((read) => read.first)
        .map((read) => read.ms)
        .sort((a, b) => a - b);
      const rest = reads
        .filter((read) => !read.first)
        .map((read) => read.ms)
        .sort((a, b) => a - b);
      console.log(
        `round ${r}: ${reads.length} reads, ${(reads.length / DURATION).toFixed(0)}/s; all p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms, max ${all[all.length - 1].toFixed(0)} ms; ` +
          `first request of each connection p50 ${percentile(firsts, 50).toFixed(0)} ms, max ${firsts[firsts.length - 1].toFixed(0)} ms; ` +
          `later requests p99 ${percentile(rest, 99).toFixed(0)} ms, max ${rest[rest.length - 1].toFixed(0)} ms`,
      );
    }
  } finally {
    await stopServer(server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
