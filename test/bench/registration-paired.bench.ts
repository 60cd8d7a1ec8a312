/**
 * Registration's server CPU a request on two builds at once (issue 14), for changes too small for
 * the spread of `bench:http` on a shared machine, where one build's CPU a registration moved by a
 * factor of two between runs. As bulk-paired.bench.ts does for bulk onboarding: both builds serve
 * on fresh folders side by side; each round sends BENCH_REQUESTS registrations (`aSeller`, three
 * claims, a new shop each) at BENCH_CONNECTIONS connections to each build in turn, the order swapped
 * every round, each measured from its first request until its projections reached the head, as the
 * CPU the process used (/proc). A pair's two runs so share the machine's load.
 *
 *   BENCH_MAINS=<before>/apps/registry/src/main.js,<after>/apps/registry/src/main.js BENCH_ROUNDS=6 \
 *     npx ts-node --transpile-only -r tsconfig-paths/register test/bench/registration-paired.bench.ts
 *
 * BENCH_MAINS (required), BENCH_ROUNDS (default 6; round 0 warms up, not counted), BENCH_REQUESTS
 * (default 2,000), BENCH_CONNECTIONS (default 20).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aSeller } from './sellers';
import { CLK_TCK, Server, autocannon, sleep, startServer, stopServer } from './bench-server';

const MAINS = (process.env.BENCH_MAINS ?? '').split(',').filter(Boolean);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const progress = (message: string) => process.stderr.write(`[bench:registration-paired] ${message}\n`);

const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
};

async function main(): Promise<void> {
  if (MAINS.length < 2) throw new Error('BENCH_MAINS: two or more builds, comma-separated');
  const servers: { main: string; server: Server; platform: string; admin: string; ms: number[] }[] = [];
  for (const main of MAINS) {
    const server = await startServer(mkdtempSync(join(tmpdir(), 'registry-paired-')), { healthPath: '/health/ready', timeoutMs: 30_000, progress, main });
    const keys = JSON.parse(readFileSync(join(server.dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] };
    const key = (id: string) => keys.principals.find((p) => p.principalId === id)!.apiKey;
    servers.push({ main, server, platform: key('demo-platform'), admin: key('bootstrap-admin'), ms: [] });
  }
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const s of order) {
        let n = 0;
        const pid = s.server.child.pid!;
        const cpu0 = cpuSeconds(pid);
        const result = await autocannon({
          url: s.server.url,
          connections: CONNECTIONS,
          amount: REQUESTS,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              path: '/platform/shops',
              headers: { 'x-api-key': s.platform, 'content-type': 'application/json' },
              setupRequest: (request: object) => ({ ...request, body: JSON.stringify(aSeller(`paired-${round}-${n}`, 200_000 + round * REQUESTS + n++)) }),
            },
          ],
        });
        const failed = result.non2xx + result.errors + result.timeouts;
        if (failed > 0) throw new Error(`${s.main}: ${failed} of ${REQUESTS} registrations failed`);
        for (;;) {
          const statuses = (await (await fetch(`${s.server.url}/admin/projections`, { headers: { 'x-api-key': s.admin } })).json()) as { lag: number }[];
          if (statuses.every((p) => p.lag === 0)) break;
          await sleep(50);
        }
        const ms = ((cpuSeconds(pid) - cpu0) * 1000) / REQUESTS;
        if (round > 0) s.ms.push(ms);
        progress(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${s.main}: ${ms.toFixed(3)} ms CPU a registration`);
      }
    }
  } finally {
    for (const s of servers) {
      await stopServer(s.server);
      rmSync(s.server.dataDir, { recursive: true, force: true });
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const s of servers) {
    process.stdout.write(
      `${s.main}\n  server CPU a registration, ${REQUESTS} at ${CONNECTIONS} connections until caught up: median ${median(s.ms).toFixed(3)} ms [${s.ms.map((v) => v.toFixed(3)).join(', ')}]\n`,
    );
  }
  const [first, ...others] = servers;
  for (const s of others) {
    const ratios = s.ms.map((v, i) => v / first.ms[i]);
    process.stdout.write(`${s.main} / ${first.main}, per round: median ${median(ratios).toFixed(3)} [${ratios.map((r) => r.toFixed(3)).join(', ')}]\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
