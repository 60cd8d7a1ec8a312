/**
 * Server CPU per enforcement read on a folder `bench:resolution` loaded, for one build or several
 * interleaved: `npx ts-node --transpile-only -r tsconfig-paths/register test/bench/enforcement-reads-cpu.bench.ts`.
 *
 * Each build runs in turn on a copy of its own of the folder (the reads append audit records, so
 * every build starts from the same data), in rounds, so that what else runs on the machine weighs
 * on all of them alike. A case sends the reads with a fixed number in flight and divides the server
 * process's CPU time (/proc) by the reads answered: a figure that moves much less with the machine's
 * load than req/s does. The first pass of a server warms it (JIT, data-key cache) and is not reported.
 * The median latency of each case is printed too (with BENCH_IN_FLIGHT=1: a read's own time).
 *
 * BENCH_DATA_DIR     the loaded folder (required; it is copied, never written)
 * BENCH_SHOPS        its number of shops (default 10,000), to draw shops and identifiers from the data set
 * BENCH_MAINS        builds to compare, comma-separated entry points (default dist/apps/registry/src/main.js)
 * BENCH_READS        reads per case (default 3,000); BENCH_IN_FLIGHT (default 50); BENCH_ROUNDS (default 3)
 * BENCH_CASES        of noop, operator, identifier, person (default all four)
 * BENCH_PROFILE_DIR  see bench-server.ts: a CPU profile of each reported case
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { observed, profiler, startServer, stopServer } from './bench-server';
import { ResolutionDataset } from './resolution-dataset';
import { Prng } from '../support/prng';

const DATA_DIR = process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : undefined;
const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);
const MAINS = (process.env.BENCH_MAINS ?? 'dist/apps/registry/src/main.js').split(',').map((main) => resolve(main.trim()));
const READS = Number(process.env.BENCH_READS ?? 3000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CASES = (process.env.BENCH_CASES ?? 'noop,operator,identifier,person').split(',').map((c) => c.trim());

const progress = (message: string) => process.stderr.write(`[bench:reads-cpu] ${new Date().toISOString().slice(11, 19)} ${message}\n`);

type Request = { method: string; path: string; body?: string };

/** Shops and the identifiers an officer could look them up by, drawn from the data set the folder holds. */
function requests(): Record<string, () => Request> {
  const shops: string[] = [];
  const lookups: { kind: string; value: string }[] = [];
  for (const shop of new ResolutionDataset({ shops: SHOPS }).shops()) {
    shops.push(`${shop.platformId}/${encodeURIComponent(shop.body.shopId)}`);
    lookups.push(...shop.lookups);
  }
  const pick = new Prng('enforcement-reads-cpu');
  return {
    noop: () => ({ method: 'GET', path: '/whoami' }),
    operator: () => ({ method: 'GET', path: `/enforcement/shops/${pick.pick(shops)}/operator` }),
    identifier: () => ({ method: 'POST', path: '/enforcement/identifier-searches', body: JSON.stringify(pick.pick(lookups)) }),
    person: () => ({ method: 'POST', path: '/enforcement/person-searches', body: JSON.stringify(pick.pick(lookups)) }),
  };
}

/** `count` reads of one case, IN_FLIGHT at a time; the status codes seen and each read's latency (ms). */
async function send(
  url: string,
  headers: Record<string, string>,
  make: () => Request,
  count: number,
): Promise<{ codes: Record<number, number>; latencies: number[] }> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const codes: Record<number, number> = {};
  const latencies: number[] = [];
  let sent = 0;
  const one = ({ method, path, body }: Request) =>
    new Promise<void>((done, fail) => {
      const t0 = performance.now();
      const req = httpRequest({ agent, hostname, port, method, path, headers }, (res) => {
        codes[res.statusCode ?? 0] = (codes[res.statusCode ?? 0] ?? 0) + 1;
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          done();
        });
      });
      req.on('error', fail);
      req.end(body);
    });
  const worker = async () => {
    while (sent < count) {
      sent++;
      await one(make());
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    agent.destroy();
  }
  return { codes, latencies };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!DATA_DIR) throw new Error('BENCH_DATA_DIR: a folder bench:resolution loaded');
  const make = requests();
  const officer = (
    JSON.parse(readFileSync(join(DATA_DIR, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] }
  ).principals.find((p) => p.principalId === 'demo-officer')!.apiKey;
  const headers = { 'x-api-key': officer, 'x-case-reference': 'BENCH-READS-CPU', 'x-purpose': 'counterfeit_goods', 'content-type': 'application/json' };
  const copies = MAINS.map(() => mkdtempSync(join(tmpdir(), 'reads-cpu-')));
  for (const copy of copies) cpSync(DATA_DIR, copy, { recursive: true });
  const figures = new Map<string, number[]>();
  const p50s = new Map<string, number[]>();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [n, main] of MAINS.entries()) {
        const server = await startServer(copies[n], { healthPath: '/health/live', timeoutMs: 120_000, progress, main });
        try {
          for (const name of CASES) await send(server.url, headers, make[name], Math.min(READS, 500));
          for (const name of CASES) {
            await profiler(server, 'start');
            const t0 = performance.now();
            const run = await observed(server, () => send(server.url, headers, make[name], READS));
            const seconds = (performance.now() - t0) / 1000;
            const profile = await profiler(server, 'stop');
            const cpuMs = (run.serverCpu * seconds * 1000) / READS;
            const p50 = median(run.value.latencies);
            const key = `${name}\u0000${n}`;
            figures.set(key, [...(figures.get(key) ?? []), cpuMs]);
            p50s.set(key, [...(p50s.get(key) ?? []), p50]);
            progress(
              `round ${round}, build ${n + 1}, ${name}: ${(READS / seconds).toFixed(0)} req/s, p50 ${p50.toFixed(1)} ms, server CPU ${cpuMs.toFixed(3)} ms a read, ` +
                `other processes ${(run.otherCpu * 100).toFixed(0)}% of a core, status ${JSON.stringify(run.value.codes)}${profile ? `, profile ${profile}` : ''}`,
            );
          }
        } finally {
          await stopServer(server);
        }
      }
    }
  } finally {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  }
  for (const [title, table] of [
    ['server CPU per read (ms)', figures],
    ['p50 latency (ms)', p50s],
  ] as const) {
    process.stdout.write(`${title}, ${READS} reads a case, ${IN_FLIGHT} in flight, median of ${ROUNDS} rounds [each round]\n`);
    process.stdout.write(`${['case', ...MAINS.map((_, n) => `build ${n + 1}`)].join(' | ')}\n`);
    for (const name of CASES) {
      const cells = MAINS.map((_, n) => {
        const values = table.get(`${name}\u0000${n}`) ?? [];
        return `${median(values).toFixed(3)} [${values.map((v) => v.toFixed(2)).join(', ')}]`;
      });
      process.stdout.write(`${[name, ...cells].join(' | ')}\n`);
    }
  }
  MAINS.forEach((main, n) => process.stdout.write(`build ${n + 1}: ${main}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
