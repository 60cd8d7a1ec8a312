/**
 * The operator view built from scratch in slices, in this process, on a copy of a folder that
 * `bench:resolution` loaded, as the projector and the date reactor build it (one transaction a
 * slice): how long it takes, and how long the event loop waited at most, the time a request or a
 * health check waits behind it on the embedded store.
 *
 *   BENCH_DATA_DIR=<folder> npx ts-node --transpile-only -r tsconfig-paths/register test/bench/view-build-stalls.bench.ts
 *
 * With BENCH_REFRESH_SHOPS=<n>, the view is built at the graph's position before the last n shops
 * were registered, then moved to the graph's position as the projector moves it after a build (over
 * the registrations made while the build ran, POSITIONS_PER_MOVE positions a transaction, or
 * BENCH_MOVES_AT_MOST), and that move is measured apart: its transactions, the longest of which
 * every write waits for, and the event loop's waits.
 *
 * The folder itself is not changed (its registry.sqlite is copied to a temporary folder first).
 */
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqlDatabase, checkpoints, eventStoreMigrations } from '@registry/event-store';
import { vietnamDateOf } from '@registry/shared-kernel';
import { DEFAULT_RESOLUTION_POLICY, resolutionMigrations } from '@registry/resolution';
import { IDENTITY_GRAPH_PROJECTION } from '../../libs/resolution/src/identity-graph/identity-graph.projection';
import { HubsAt, OperatorViewBuilder } from '../../libs/resolution/src/operator-view/operator-view.builder';
import { POSITIONS_PER_MOVE } from '../../libs/resolution/src/operator-view/operator-view.projection';
import { operatorViewTables } from '../../libs/resolution/src/operator-view/operator-view.store';

/** Gaps between two turns of the event loop longer than this are counted as stalls. */
const STALL_MS = 50;
const REFRESH_SHOPS = Number(process.env.BENCH_REFRESH_SHOPS ?? 0);
/** Positions a transaction moves the view by at most: the projector's, unless BENCH_MOVES_AT_MOST says otherwise (Infinity: in one). */
const MOVES_AT_MOST = Number(process.env.BENCH_MOVES_AT_MOST ?? POSITIONS_PER_MOVE);

/**
 * Runs `work` while counting the event loop's turns: its time, CPU and the longest gaps between
 * turns, each with what `where` said the work was doing when the gap ended.
 */
async function watched<T>(work: () => Promise<T>, where: () => string): Promise<{ result: T; summary: string }> {
  const gaps: Array<{ ms: number; where: string }> = [];
  let last = performance.now();
  let running = true;
  const turn = () => {
    const now = performance.now();
    gaps.push({ ms: now - last, where: where() });
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  running = false;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const stalls = gaps.filter((gap) => gap.ms > STALL_MS).sort((a, b) => b.ms - a.ms);
  const longest = stalls
    .slice(0, 5)
    .map((gap) => `${Math.round(gap.ms)} ms (${gap.where})`)
    .join(', ');
  return {
    result,
    summary: `${(ms / 1000).toFixed(1)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s); event loop: ${gaps.length.toLocaleString('en')} turns, ${stalls.length} waits over ${STALL_MS} ms, longest ${longest || 'none'}`,
  };
}

/** Runs each transaction in turn, timing it: what every write waits for at most. */
class Transactions {
  readonly took: Array<{ ms: number; what: string }> = [];
  current = 'starting';

  async run<T>(what: string, work: () => Promise<T>, done: (result: T) => string = () => ''): Promise<T> {
    this.current = what;
    const started = performance.now();
    const result = await work();
    const detail = done(result);
    this.took.push({ ms: performance.now() - started, what: detail ? `${what}: ${detail}` : what });
    return result;
  }

  longest(): string {
    const [top] = [...this.took].sort((a, b) => b.ms - a.ms);
    return top ? `${this.took.length} transactions, the longest ${Math.round(top.ms)} ms (${top.what})` : 'no transaction';
  }
}

/** The position just before the first fact of the last `shops` shops the graph learnt of. */
async function beforeLastShops(db: SqlDatabase, shops: number): Promise<number> {
  const [row] = await db.reader.rows<{ first: number }>(
    'SELECT first FROM (SELECT min(added_at) AS first FROM resolution_facts WHERE shop IS NOT NULL GROUP BY shop) ORDER BY first DESC LIMIT 1 OFFSET $1',
    [shops - 1],
  );
  if (!row) throw new Error(`the graph knows fewer than ${shops} shops`);
  return Number(row.first) - 1;
}

async function main(): Promise<void> {
  if (!process.env.BENCH_DATA_DIR) throw new Error('BENCH_DATA_DIR names a folder loaded by bench:resolution');
  const dir = mkdtempSync(join(tmpdir(), 'view-build-'));
  copyFileSync(join(resolve(process.env.BENCH_DATA_DIR), 'registry.sqlite'), join(dir, 'registry.sqlite'));
  const db = await SqlDatabase.open(
    { dialect: 'sqlite', file: join(dir, 'registry.sqlite') },
    { migrations: [...eventStoreMigrations, ...resolutionMigrations] },
  );
  try {
    const head = { position: await checkpoints.read(db.reader, IDENTITY_GRAPH_PROJECTION), date: vietnamDateOf(new Date()) };
    const to = REFRESH_SHOPS > 0 ? { ...head, position: await beforeLastShops(db, REFRESH_SHOPS) } : head;
    await db.write((tx) => operatorViewTables.clear(tx));
    const building = new Transactions();
    const build = await watched(
      async () => {
        let shops = 0;
        for (let built = false, n = 1; !built; n++) {
          const slice = await building.run(
            `slice ${n}`,
            () => db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).buildSlice(to)),
            (done) => `${done.shops} shops`,
          );
          shops += slice.shops;
          built = slice.built;
        }
        return shops;
      },
      () => building.current,
    );
    const lines = [`operator view built at position ${to.position}: ${build.result.toLocaleString('en')} shops, ${building.longest()}; ${build.summary}`];
    if (REFRESH_SHOPS > 0) {
      const moving = new Transactions();
      const moved = await watched(
        async () => {
          let shops = 0;
          let known: HubsAt | null = null;
          for (let at = to.position, n = 1; at < head.position; at = (await operatorViewTables.point(db.reader))!.position, n++) {
            const done = await moving.run(
              `move ${n} from ${at}`,
              () => db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY, known).refresh(head, MOVES_AT_MOST)),
              (result) => `${result.shops} shops`,
            );
            known = done.hubs;
            shops += done.shops;
          }
          return shops;
        },
        () => moving.current,
      );
      lines.push(
        `then moved over the last ${REFRESH_SHOPS.toLocaleString('en')} shops' registrations to ${head.position}: ${moved.result.toLocaleString('en')} shops resolved again, ${moving.longest()}; ${moved.summary}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
