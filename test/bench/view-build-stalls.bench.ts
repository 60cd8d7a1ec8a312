/**
 * The operator view built from scratch in slices, in this process, on a copy of a folder that
 * `bench:resolution` loaded, as the projector and the date reactor build it (one transaction a
 * slice): how long it takes, and how long the event loop waited at most, the time a request or a
 * health check waits behind it on the embedded store.
 *
 *   BENCH_DATA_DIR=<folder> npx ts-node --transpile-only -r tsconfig-paths/register test/bench/view-build-stalls.bench.ts
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
import { OperatorViewBuilder } from '../../libs/resolution/src/operator-view/operator-view.builder';
import { operatorViewTables } from '../../libs/resolution/src/operator-view/operator-view.store';

/** Gaps between two turns of the event loop longer than this are counted as stalls. */
const STALL_MS = 50;

async function main(): Promise<void> {
  if (!process.env.BENCH_DATA_DIR) throw new Error('BENCH_DATA_DIR names a folder loaded by bench:resolution');
  const dir = mkdtempSync(join(tmpdir(), 'view-build-'));
  copyFileSync(join(resolve(process.env.BENCH_DATA_DIR), 'registry.sqlite'), join(dir, 'registry.sqlite'));
  const db = await SqlDatabase.open(
    { dialect: 'sqlite', file: join(dir, 'registry.sqlite') },
    { migrations: [...eventStoreMigrations, ...resolutionMigrations] },
  );
  try {
    const to = { position: await checkpoints.read(db.reader, IDENTITY_GRAPH_PROJECTION), date: vietnamDateOf(new Date()) };
    await db.write((tx) => operatorViewTables.clear(tx));
    const gaps: number[] = [];
    let last = performance.now();
    let building = true;
    const turn = () => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      if (building) setImmediate(turn);
    };
    setImmediate(turn);
    const started = performance.now();
    const cpu = process.cpuUsage();
    let slices = 0;
    let shops = 0;
    for (let built = false; !built; slices++) {
      const slice = await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).buildSlice(to));
      shops += slice.shops;
      built = slice.built;
    }
    building = false;
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const stalls = gaps.filter((gap) => gap > STALL_MS).sort((a, b) => b - a);
    process.stdout.write(
      [
        `operator view built at position ${to.position}: ${shops.toLocaleString('en')} shops in ${slices} slices, ${(ms / 1000).toFixed(1)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`,
        `event loop: ${gaps.length.toLocaleString('en')} turns; ${stalls.length} waits over ${STALL_MS} ms; longest ${stalls
          .slice(0, 5)
          .map((gap) => `${Math.round(gap)} ms`)
          .join(', ')}`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
