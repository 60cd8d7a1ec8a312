/**
 * The resolution core of built copies of the registry, in one process, in turn, on every fact of a
 * data folder: `resolveAt` over the whole graph, then `describeOperator` of each operator. It checks
 * that the builds agree (operators, nominees, each profile as JSON) and prints each one's CPU.
 * Rounds alternate the builds' order; the first warms up and is not counted.
 *
 *   BENCH_DISTS=<before dist>,<after dist> BENCH_DATA_DIR=<folder> npx ts-node --transpile-only -r tsconfig-paths/register test/bench/resolution-paired.bench.ts
 *
 * BENCH_DISTS (required: folders holding `libs/`, as `nest build` writes them), BENCH_DATA_DIR
 * (required: a folder a registry wrote, e.g. by `BENCH_KEEP_DATA=1 npm run bench:quality`; opened
 * read-only), BENCH_ROUNDS (default 4).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AsOf, OperatorProfile, RegistryFact, ResolvedGraph } from '@registry/resolution/domain';
import type { FactRow } from '@registry/resolution/identity-graph/fact-table';

const DISTS = (process.env.BENCH_DISTS ?? '').split(',').filter(Boolean);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? '';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

interface Build {
  readonly dist: string;
  readonly resolveAt: (facts: readonly RegistryFact[], asOf: AsOf) => ResolvedGraph;
  readonly describeOperator: (graph: ResolvedGraph, operatorId: string) => OperatorProfile | null;
}

/** CPU ms of `work`, with its result. */
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** Everything a build answers for the graph, as text to compare, and the CPU it took. */
function run(build: Build, facts: readonly RegistryFact[], asOf: AsOf) {
  const resolved = timed(() => build.resolveAt(facts, asOf));
  const graph = resolved.value;
  const operators = [...graph.operatorIds()].sort();
  const described = timed(() => operators.map((operator) => JSON.stringify(build.describeOperator(graph, operator))));
  const answer = JSON.stringify({ shops: operators.map((operator) => graph.shopsOf(operator)), profiles: described.value });
  return { answer, operators: operators.length, resolveMs: resolved.ms, describeMs: described.ms };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main(): Promise<void> {
  if (DISTS.length < 2) throw new Error('BENCH_DISTS: two or more built folders, comma-separated');
  if (!DATA_DIR) throw new Error('BENCH_DATA_DIR: a data folder a registry wrote');
  const builds: Build[] = [];
  for (const dist of DISTS) builds.push({ dist, ...(await import(join(dist, 'libs/resolution/src/domain/index.js'))) });
  const { FACT_SELECT, factOf } = await import(join(DISTS[0], 'libs/resolution/src/identity-graph/fact-table.js'));
  const db = new Database(join(DATA_DIR, 'registry.sqlite'), { readonly: true });
  const facts = (db.prepare(FACT_SELECT).all() as FactRow[]).map((row) => factOf(row) as RegistryFact);
  const { head } = db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number };
  db.close();
  const asOf: AsOf = { position: head, date: new Date().toISOString().slice(0, 10) };

  const times = builds.map(() => ({ resolve: [] as number[], describe: [] as number[] }));
  let answers: string[] = [];
  let operators = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i);
    answers = [];
    for (const i of order) {
      const result = run(builds[i], facts, asOf);
      answers[i] = result.answer;
      operators = result.operators;
      if (round === 0) continue;
      times[i].resolve.push(result.resolveMs);
      times[i].describe.push(result.describeMs);
    }
  }
  const agree = answers.every((answer) => answer === answers[0]);
  process.stdout.write(`${facts.length} facts, ${operators} operators; the builds ${agree ? 'agree' : 'DISAGREE'} on every operator and profile\n`);
  builds.forEach((build, i) => {
    const ms = (values: number[]) => `median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;
    process.stdout.write(`${build.dist}: resolveAt ${ms(times[i].resolve)}; describeOperator of all ${ms(times[i].describe)}\n`);
  });
  if (!agree) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
