/**
 * What the paired benchmarks share (bulk-paired, registration-paired): two or more builds serving
 * on fresh folders side by side, a round's work sent to each in turn (the order swapped every
 * round), each measured from its first request until its projections reached the head, as the CPU
 * its process used (/proc), so that a pair's two runs share the machine's load. Round 0 warms up and
 * is not counted. Prints each build's median CPU a unit and, per round, each build's against the first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLK_TCK, Server, sleep, startServer, stopServer } from './bench-server';

export interface PairedBuild {
  readonly main: string;
  readonly server: Server;
  /** The demo platform's API key. */
  readonly platform: string;
}

export interface PairedRun {
  /** Progress lines' prefix, e.g. `bench:bulk-paired`. */
  readonly name: string;
  readonly rounds: number;
  /** What a round's CPU is divided by, and what it is called (`a shop`, `a registration`), and how the work is described. */
  readonly units: number;
  readonly unit: string;
  readonly work: string;
  /** Sends one round's work to one build; throws when any of it failed. */
  send(build: PairedBuild, round: number): Promise<void>;
}

const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runPaired(run: PairedRun): Promise<void> {
  const mains = (process.env.BENCH_MAINS ?? '').split(',').filter(Boolean);
  if (mains.length < 2) throw new Error('BENCH_MAINS: two or more builds, comma-separated');
  const progress = (message: string) => process.stderr.write(`[${run.name}] ${message}\n`);
  const builds: (PairedBuild & { admin: string; ms: number[] })[] = [];
  for (const main of mains) {
    const server = await startServer(mkdtempSync(join(tmpdir(), 'registry-paired-')), { healthPath: '/health/ready', timeoutMs: 30_000, progress, main });
    const keys = JSON.parse(readFileSync(join(server.dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] };
    const key = (id: string) => keys.principals.find((p) => p.principalId === id)!.apiKey;
    builds.push({ main, server, platform: key('demo-platform'), admin: key('bootstrap-admin'), ms: [] });
  }
  try {
    for (let round = 0; round <= run.rounds; round++) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        const pid = build.server.child.pid!;
        const cpu0 = cpuSeconds(pid);
        await run.send(build, round);
        for (;;) {
          const statuses = (await (await fetch(`${build.server.url}/admin/projections`, { headers: { 'x-api-key': build.admin } })).json()) as {
            lag: number;
          }[];
          if (statuses.every((p) => p.lag === 0)) break;
          await sleep(50);
        }
        const ms = ((cpuSeconds(pid) - cpu0) * 1000) / run.units;
        if (round > 0) build.ms.push(ms);
        progress(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${build.main}: ${ms.toFixed(3)} ms CPU ${run.unit}`);
      }
    }
  } finally {
    for (const build of builds) {
      await stopServer(build.server);
      rmSync(build.server.dataDir, { recursive: true, force: true });
    }
  }
  for (const build of builds) {
    process.stdout.write(
      `${build.main}\n  server CPU ${run.unit}, ${run.work} until caught up: median ${median(build.ms).toFixed(3)} ms [${build.ms.map((v) => v.toFixed(3)).join(', ')}]\n`,
    );
  }
  const [first, ...others] = builds;
  for (const build of others) {
    const ratios = build.ms.map((v, i) => v / first.ms[i]);
    process.stdout.write(`${build.main} / ${first.main}, per round: median ${median(ratios).toFixed(3)} [${ratios.map((r) => r.toFixed(3)).join(', ')}]\n`);
  }
}

export function exitOnFailure(done: Promise<void>): void {
  done.catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
