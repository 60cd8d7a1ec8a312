/**
 * What the HTTP benchmarks share: building the service, running it in a child process on a data
 * folder and a free port, and watching that process (peak RSS, CPU time) while a case runs.
 *
 * BENCH_SKIP_BUILD=1   use the existing build (default: `npm run build` first)
 * BENCH_MAIN           the registry entry point to run (default dist/apps/registry/src/main.js): a build
 *                      kept elsewhere, to compare two versions on the same data; implies no build
 * BENCH_PROFILE_DIR    write a V8 CPU profile of the server (and SQLite statement timings) per profiled
 *                      case there (read them with `npm run bench:profile -- <file>`)
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

// autocannon ships no types; the part the benchmarks use.
export interface AutocannonResult {
  duration: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types: the Autocannon type above is what this script uses of it
export const autocannon: Autocannon = require('autocannon');

export const ROOT = resolve(__dirname, '../..');
const MAIN = process.env.BENCH_MAIN ? resolve(process.env.BENCH_MAIN) : join(ROOT, 'dist/apps/registry/src/main.js');
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? resolve(process.env.BENCH_PROFILE_DIR) : undefined;

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly warnings: string[];
}

/** Builds the service unless told to use an existing build. */
export function build(progress: (message: string) => void): void {
  if (process.env.BENCH_MAIN) {
    progress(`running ${MAIN} (BENCH_MAIN)`);
    return;
  }
  if (process.env.BENCH_SKIP_BUILD === '1') {
    progress('using the existing dist/ (BENCH_SKIP_BUILD=1)');
    return;
  }
  progress('npm run build …');
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`npm run build failed (exit ${result.status})`);
  }
  progress(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Per-key limits far above what one benchmark key sends. The defaults (120,000 a minute for an
 * enforcement key) are met by one key sending tens of thousands of no-ops a second, and the 429s then
 * counted as the no-op's failures made its rate, and every ratio to it, the limiter's. The guard
 * still runs and takes from its bucket, so its cost stays in the figures.
 */
const UNREACHABLE_RATE_LIMITS = Object.fromEntries(
  ['PLATFORM', 'PARTNER', 'ENFORCEMENT', 'TAX_OFFICE', 'ADMIN'].map((role) => [`REGISTRY_RATE_LIMIT_${role}`, String(1_000_000_000)]),
);

/**
 * Starts the registry on `dataDir` and waits until `healthPath` answers 200 (`/health/live` for a
 * folder whose projections start behind, which readiness refuses); `env` adds to its environment
 * (REGISTRY_ROLE); `main` runs another build than BENCH_MAIN's. With BENCH_PROFILE_DIR the process gets cpu-profile-hook.js and an IPC channel
 * for `profiler`.
 */
/** The node flags the service runs with (`npm run start:prod`), so that a bench measures what users run. */
const SERVER_NODE_FLAGS: readonly string[] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
  'start:prod'
]
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

export async function startServer(
  dataDir: string,
  options: { healthPath: string; timeoutMs: number; progress: (message: string) => void; env?: Record<string, string>; main?: string },
): Promise<Server> {
  const port = await freePort();
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(PROFILE_DIR ? ['-r', join(__dirname, 'cpu-profile-hook.js')] : [])];
  const child = spawn(process.execPath, [...nodeArgs, options.main ?? MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      REGISTRY_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      BENCH_PROFILE_DIR: PROFILE_DIR ?? '',
      ...UNREACHABLE_RATE_LIMITS,
      ...options.env,
    },
    stdio: PROFILE_DIR ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const warnings: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) warnings.push(line);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const server = { child, url: `http://127.0.0.1:${port}`, dataDir, warnings };
  const started = performance.now();
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the registry exited with ${child.exitCode} on start:\n${warnings.join('\n')}`);
    try {
      const response = await fetch(`${server.url}${options.healthPath}`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the registry did not answer ${options.healthPath} within ${options.timeoutMs / 1000} s:\n${warnings.join('\n')}`);
    await sleep(100);
  }
  options.progress(`registry pid ${child.pid} up on ${server.url} after ${((performance.now() - started) / 1000).toFixed(1)} s, data in ${dataDir}`);
  return server;
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopServer(server: Server, graceMs = 30_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
}

export function assertRunning(server: Server): void {
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    throw new Error(`the registry exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.warnings.slice(-20).join('\n')}`);
  }
}

/** Starts or stops the server's CPU profiler (cpu-profile-hook.js) and waits for its answer: the profile file on stop, null without BENCH_PROFILE_DIR. */
export async function profiler(server: Server, command: 'start' | 'stop'): Promise<string | null> {
  if (!PROFILE_DIR) return null;
  const answer = new Promise<{ profile: string; error?: string }>((done) => server.child.once('message', done));
  server.child.send(`profile:${command}`);
  const { profile, error } = await answer;
  if (profile === 'failed') throw new Error(`cpu profile: ${error}`);
  return profile;
}

// ---------------------------------------------------------------------------------------------
// /proc: memory and CPU time of the server process

export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process is gone; the caller notices
  }
}

export const CLK_TCK = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout) || 100;
})();

/** User + system CPU seconds the process has used so far. */
function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores). */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

export interface Observed<T> {
  value: T;
  seconds: number;
  peakRssMb: number;
  /** Server CPU over the wall time, 1 = one core. */
  serverCpu: number;
  clientCpu: number;
  /** Everything else on the machine (other processes, kernel work not charged to either). */
  otherCpu: number;
}

/** Runs `work` while sampling the server's RSS every 100 ms; gives its result, the peak RSS and the CPU use of the server, this process and the rest. */
export async function observed<T>(server: Server, work: () => Promise<T>): Promise<Observed<T>> {
  const pid = server.child.pid!;
  let peakKb = procStatusKb(pid, 'VmRSS');
  const timer = setInterval(() => (peakKb = Math.max(peakKb, procStatusKb(pid, 'VmRSS'))), 100);
  const cpu0 = procCpuSeconds(pid);
  const client0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  try {
    const value = await work();
    assertRunning(server);
    const wall = (performance.now() - t0) / 1000;
    const client = process.cpuUsage(client0);
    const serverCpu = (procCpuSeconds(pid) - cpu0) / wall;
    const clientCpu = (client.user + client.system) / 1e6 / wall;
    peakKb = Math.max(peakKb, procStatusKb(pid, 'VmRSS'));
    return {
      value,
      seconds: wall,
      peakRssMb: peakKb / 1024,
      serverCpu,
      clientCpu,
      otherCpu: Math.max(0, (machineBusySeconds() - machine0) / wall - serverCpu - clientCpu),
    };
  } finally {
    clearInterval(timer);
  }
}
