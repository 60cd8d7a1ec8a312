/**
 * `npm run bench:quality`: how right the registry's answer to "who really runs this shop" is, on
 * generated markets whose truth is known (docs/quality.md).
 *
 * Per seed: generate a market, start the registry on a fresh data folder, load the market through
 * the bulk API, ask the operator of every shop through the enforcement API, score the answers beside
 * two naive resolvers computed from the same claims. Then the mean over the seeds.
 *
 * BENCH_SEEDS=1,2,3        the markets (default 1,2,3)
 * BENCH_OPERATORS=3000     operators per market (default 3000, about 10,000 shops)
 * BENCH_CONCURRENCY=8      single reads in flight when the registry has no batch read
 * BENCH_KEEP_DATA=1        keeps each market's data folder (printed) for a closer look
 * BENCH_SKIP_BUILD, BENCH_MAIN as for the other benchmarks (test/bench/bench-server.ts); BENCH_PROFILE_DIR
 *                          profiles the server while it loads and projects each market
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, observed, profiler, startServer, stopServer } from '../bench/bench-server';
import { generateMarket, MarketTraps } from './market';
import { loadMarket, readOperators } from './market-api';
import { qualityReport, QualityReport } from './quality-report';
import { PairScore } from './score';

const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const KEEP_DATA = process.env.BENCH_KEEP_DATA === '1';

const progress = (message: string) => process.stderr.write(`[bench:quality] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(0);

function bootstrapKey(dataDir: string, principalId: string): string {
  const file = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')) as { principals: { principalId: string; apiKey: string }[] };
  const principal = file.principals.find((p) => p.principalId === principalId);
  if (!principal) throw new Error(`no bootstrap key for ${principalId}`);
  return principal.apiKey;
}

interface SeedRun {
  readonly seed: string;
  readonly traps: MarketTraps;
  readonly report: QualityReport;
  readonly readMode: string;
}

async function runSeed(seed: string): Promise<SeedRun> {
  const market = generateMarket({ seed, operators: OPERATORS });
  const attestations = market.partners.reduce((n, p) => n + p.attestations.length, 0);
  progress(`seed ${seed}: ${market.traps.operators} operators, ${market.traps.shops} shops, ${attestations} attestations`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-quality-'));
  const server = await startServer(dataDir, { healthPath: '/health/ready', timeoutMs: 60_000, progress });
  try {
    const endpoint = { url: server.url, adminKey: bootstrapKey(dataDir, 'bootstrap-admin'), officerKey: bootstrapKey(dataDir, 'demo-officer') };
    let started = performance.now();
    await profiler(server, 'start');
    const load = await observed(server, () => loadMarket(endpoint, market));
    const profile = await profiler(server, 'stop');
    const cpu = `server CPU ${(load.serverCpu * load.seconds).toFixed(1)} s (${(100 * load.serverCpu).toFixed(0)}% of a core), other ${(100 * load.otherCpu).toFixed(0)}%`;
    progress(`seed ${seed}: loaded and projected in ${seconds(started)} s; ${cpu}${profile ? `; server CPU profile ${profile}` : ''}`);
    started = performance.now();
    const read = await readOperators(endpoint, market, {
      concurrency: CONCURRENCY,
      progress: (done) => progress(`seed ${seed}: ${done} of ${market.shops.length} shops read`),
    });
    progress(`seed ${seed}: ${read.answers.size} operators read in ${seconds(started)} s (${read.requests} ${read.mode} requests)`);
    return { seed, traps: market.traps, report: qualityReport(market, read.answers), readMode: read.mode };
  } finally {
    await stopServer(server);
    if (KEEP_DATA) progress(`seed ${seed}: data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 && x > 0 ? 3 : 1)}%`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}

const HEADER = ['', 'F1', 'precision', 'recall', 'joined pairs false', 'controller right', 'nominee flags P / R'];

const pairCells = (p: PairScore) => [f3(p.f1), f3(p.precision), f3(p.recall), pct(p.falseJoins)];

function rows(
  report: Pick<QualityReport, 'registry' | 'controllerRight' | 'declaredIdsOnly' | 'everyIdentifier'> & { nominees: { precision: number; recall: number } },
): string[][] {
  return [
    ['this registry', ...pairCells(report.registry), pct(report.controllerRight), `${f3(report.nominees.precision)} / ${f3(report.nominees.recall)}`],
    ['union over declared national IDs only', ...pairCells(report.declaredIdsOnly), '', ''],
    ['union over every identifier', ...pairCells(report.everyIdentifier), '', ''],
  ];
}

const TARGETS = 'targets: F1 ≥ 0.99, joined pairs false < 0.1%, controller right ≥ 95%, nominee flags precision and recall ≥ 0.90';

function mean(runs: readonly SeedRun[]) {
  const avg = (pick: (r: QualityReport) => number) => runs.reduce((sum, run) => sum + pick(run.report), 0) / runs.length;
  const pairs = (pick: (r: QualityReport) => PairScore): PairScore => ({
    truePairs: avg((r) => pick(r).truePairs),
    joinedPairs: avg((r) => pick(r).joinedPairs),
    rightPairs: avg((r) => pick(r).rightPairs),
    precision: avg((r) => pick(r).precision),
    recall: avg((r) => pick(r).recall),
    f1: avg((r) => pick(r).f1),
    falseJoins: avg((r) => pick(r).falseJoins),
  });
  return {
    registry: pairs((r) => r.registry),
    declaredIdsOnly: pairs((r) => r.declaredIdsOnly),
    everyIdentifier: pairs((r) => r.everyIdentifier),
    controllerRight: avg((r) => r.controllerRight),
    nominees: { precision: avg((r) => r.nominees.precision), recall: avg((r) => r.nominees.recall) },
  };
}

function seedSection(run: SeedRun): string[] {
  const t = run.traps;
  const r = run.report;
  return [
    `## seed ${run.seed}: ${t.shops} shops of ${t.operators} operators (largest ${t.largestOperator}) on 5 platforms`,
    `traps: ${t.rentedIdentities} rented identities fronting ${t.rentedFrontedShops} shops, ${t.relativeFrontedShops} shops fronted by relatives, ${t.recycledPhones} recycled numbers, ` +
      `${t.depots} depots, ${t.apartmentBlocks} apartment blocks, ${t.collectionAccounts} collection accounts, ${t.shipperPhones} shipper phones`,
    `read: ${run.readMode}; ${r.unanswered} shops without an operator; ${r.nominees.positives} shops with a nominee declared, ${r.nominees.flagged} flagged`,
    '',
    ...table(HEADER, rows(r)),
    '',
  ];
}

async function main() {
  build(progress);
  // Each seed is printed as it ends: a long run that stops halfway still leaves its figures.
  process.stdout.write(`# bench:quality, ${OPERATORS} operators per market, seeds ${SEEDS.join(', ')}\n\n`);
  const runs: SeedRun[] = [];
  for (const seed of SEEDS) {
    const run = await runSeed(seed);
    runs.push(run);
    process.stdout.write(`${seedSection(run).join('\n')}\n`);
  }
  const out = [`## mean over ${runs.length} seeds`, '', ...table(HEADER, rows(mean(runs))), '', TARGETS];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
