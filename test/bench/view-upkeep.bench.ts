/**
 * `npm run bench:view-upkeep`: the operator view's upkeep replayed on a loaded data folder, in-process.
 *
 * Takes the SQLite file of a folder loaded by `bench:resolution` (BENCH_DATA_DIR), builds the view from
 * scratch at the identity graph's head (the rebuild time of the view, from the graph), then builds it at
 * a point BENCH_FROM of the way (default 0.5) and moves it to the head in steps of BENCH_STEP events
 * (default 2,000, the processor's batch), as the projector does while a load runs: the time per step and
 * the shops resolved again. The graph is append-only but for erasures, so each earlier point of it is
 * read as it stood. A copy of the file is used; the folder is not changed.
 *
 * BENCH_DATA_DIR  the loaded folder (required)
 * BENCH_FROM      where the replay starts, as a share of the head (default 0.5)
 * BENCH_STEP      events per step (default 2,000)
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqlDatabase, checkpoints, eventStoreMigrations } from '@registry/event-store';
import { vietnamDateOf } from '@registry/shared-kernel';
import { DEFAULT_RESOLUTION_POLICY, resolutionMigrations } from '@registry/resolution';
import { IDENTITY_GRAPH_PROJECTION } from '../../libs/resolution/src/identity-graph/identity-graph.projection';
import { HubsAt, OperatorViewBuilder } from '../../libs/resolution/src/operator-view/operator-view.builder';

async function main() {
  if (!process.env.BENCH_DATA_DIR) throw new Error('BENCH_DATA_DIR names a folder loaded by bench:resolution');
  const from = Number(process.env.BENCH_FROM ?? 0.5);
  const step = Number(process.env.BENCH_STEP ?? 2000);
  const dir = mkdtempSync(join(tmpdir(), 'view-upkeep-'));
  copyFileSync(join(resolve(process.env.BENCH_DATA_DIR), 'registry.sqlite'), join(dir, 'registry.sqlite'));
  const db = await SqlDatabase.open(
    { dialect: 'sqlite', file: join(dir, 'registry.sqlite') },
    { migrations: [...eventStoreMigrations, ...resolutionMigrations] },
  );
  try {
    const head = await checkpoints.read(db.reader, IDENTITY_GRAPH_PROJECTION);
    const date = vietnamDateOf(new Date());
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const shops = await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).rebuild({ position: head, date }));
    const rebuildMs = performance.now() - t0;
    const rebuildCpu = cpuMs(c0);
    const start = Math.floor(head * from);
    await db.write((tx) => new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY).rebuild({ position: start, date }));
    t0 = performance.now();
    c0 = process.cpuUsage();
    let resolved = 0;
    let steps = 0;
    // As the projection does: each step is told the hubs the step before found where it left the view.
    let hubs: HubsAt | null = null;
    for (let position = Math.min(head, start + step); ; position = Math.min(head, position + step)) {
      const known = hubs;
      const done: { shops: number; hubs: HubsAt } = await db.write((tx) =>
        new OperatorViewBuilder(tx, DEFAULT_RESOLUTION_POLICY, known).refresh({ position, date }),
      );
      hubs = done.hubs;
      resolved += done.shops;
      steps++;
      if (position === head) break;
    }
    const upkeepMs = performance.now() - t0;
    const upkeepCpu = cpuMs(c0);
    const added = await db.reader.rows<{ n: number }>(
      `SELECT COUNT(DISTINCT shop) AS n FROM resolution_facts WHERE kind = 1 AND added_at > $1 AND added_at <= $2`,
      [start, head],
    );
    const newShops = Number(added[0].n);
    process.stdout.write(
      [
        `view rebuilt from the graph at position ${head}: ${shops} shops in ${(rebuildMs / 1000).toFixed(1)} s, ` +
          `CPU ${(rebuildCpu / 1000).toFixed(1)} s (${(rebuildCpu / shops).toFixed(2)} ms a shop)`,
        `kept from ${start} to ${head} in ${steps} steps of ${step} events: ${newShops} new shops in ${(upkeepMs / 1000).toFixed(1)} s, ` +
          `CPU ${(upkeepCpu / 1000).toFixed(1)} s (${(upkeepCpu / newShops).toFixed(2)} ms a new shop, ${(upkeepCpu / steps).toFixed(0)} ms a step); ` +
          `${resolved} shops resolved again`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of this process (user and system) since `from`, in ms: steadier than wall time on a shared machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
