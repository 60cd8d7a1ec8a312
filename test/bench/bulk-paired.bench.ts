/**
 * Bulk onboarding's server CPU a shop on two builds at once, for a change too small for the
 * spread of `bench:http` on a shared machine (issue 14). Both builds serve on fresh folders side
 * by side; bulk requests of 5,000 sellers (as bench:http sends) go to each in turn, the order
 * swapped every round, each measured from its send until its projections reached the head, as
 * the CPU the process used (/proc). A pair's two requests so share the machine's load.
 *
 *   BENCH_MAINS=<before>/apps/registry/src/main.js,<after>/apps/registry/src/main.js BENCH_ROUNDS=4 \
 *     npx ts-node --transpile-only -r tsconfig-paths/register test/bench/bulk-paired.bench.ts
 *
 * BENCH_MAINS (required), BENCH_ROUNDS (default 4; request 0 warms up, not counted), BENCH_BULK_SIZE (default 5,000).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aSeller } from './sellers';
import { CLK_TCK, Server, sleep, startServer, stopServer } from './bench-server';

const MAINS = (process.env.BENCH_MAINS ?? '').split(',').filter(Boolean);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SIZE = Number(process.env.BENCH_BULK_SIZE ?? 5000);
const progress = (message: string) => process.stderr.write(`[bench:bulk-paired] ${message}\n`);

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
        const body = JSON.stringify({ shops: Array.from({ length: SIZE }, (_, i) => aSeller(`paired-${round}-${i}`, 100_000 + round * SIZE + i)) });
        const pid = s.server.child.pid!;
        const cpu0 = cpuSeconds(pid);
        const response = await fetch(`${s.server.url}/platform/shops/bulk`, {
          method: 'POST',
          headers: { 'x-api-key': s.platform, 'content-type': 'application/json' },
          body,
        });
        const answer = (await response.json()) as { counts?: { registered?: number } };
        if (answer.counts?.registered !== SIZE) throw new Error(`${s.main}: ${JSON.stringify(answer).slice(0, 300)}`);
        for (;;) {
          const statuses = (await (await fetch(`${s.server.url}/admin/projections`, { headers: { 'x-api-key': s.admin } })).json()) as { lag: number }[];
          if (statuses.every((p) => p.lag === 0)) break;
          await sleep(50);
        }
        const ms = ((cpuSeconds(pid) - cpu0) * 1000) / SIZE;
        if (round > 0) s.ms.push(ms);
        progress(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${s.main}: ${ms.toFixed(3)} ms CPU a shop`);
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
      `${s.main}\n  server CPU a shop, bulk of ${SIZE} until caught up: median ${median(s.ms).toFixed(3)} ms [${s.ms.map((v) => v.toFixed(3)).join(', ')}]\n`,
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
