/**
 * `npm run bench:view-upkeep`: the operator view's upkeep replayed on a loaded data folder, in-process.
 *
 * Takes the SQLite file of a folder loaded by `bench:resolution` (BENCH_DATA_DIR), builds the view from
 * scratch at the identity graph's head (the rebuild time of the view, from the graph), then builds it at
 * a point BENCH_FROM of the way (default 0.5) and moves it to the head in steps of BENCH_STEP events
 * (default 2,000, the processor's batch), as the projector does while a load runs: the time per step and
 * the shops resolved again. The graph is append-only but for erasures, so each earlier point of it is
 * read as it stood. A copy of the file is used; the folder is not changed. With `DATABASE_URL`
 * (postgres://…), the folder's kept PostgreSQL database (loaded by `bench:resolution` with the same
 * BENCH_DATA_DIR and DATABASE_URL) is copied instead (CREATE DATABASE … TEMPLATE) and the copy dropped
 * at the end. Every statement of a step is counted: on PostgreSQL each is a round trip.
 *
 * BENCH_DATA_DIR  the loaded folder (required)
 * BENCH_FROM      where the replay starts, as a share of the head (default 0.5)
 * BENCH_STEP      events per step (default 2,000)
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Sql, SqlConfig, SqlDatabase, checkpoints, eventStoreMigrations } from '@registry/event-store';
import { vietnamDateOf } from '@registry/shared-kernel';
import { DEFAULT_RESOLUTION_POLICY, resolutionMigrations } from '@registry/resolution';
import { IDENTITY_GRAPH_PROJECTION } from '../../libs/resolution/src/identity-graph/identity-graph.projection';
import { HubsAt, OperatorViewBuilder } from '../../libs/resolution/src/operator-view/operator-view.builder';

async function main() {
  if (!process.env.BENCH_DATA_DIR) throw new Error('BENCH_DATA_DIR names a folder loaded by bench:resolution');
  const from = Number(process.env.BENCH_FROM ?? 0.5);
  const step = Number(process.env.BENCH_STEP ?? 2000);
  const copy = await copyOf(resolve(process.env.BENCH_DATA_DIR), process.env.DATABASE_URL || undefined);
  const db = await SqlDatabase.open(copy.config, { migrations: [...eventStoreMigrations, ...resolutionMigrations] });
  const statements: number[] = [];
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
      const count = { n: 0 };
      const done: { shops: number; hubs: HubsAt } = await db.write((tx) =>
        new OperatorViewBuilder(counted(tx, count), DEFAULT_RESOLUTION_POLICY, known).refresh({ position, date }),
      );
      statements.push(count.n);
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
    const sorted = [...statements].sort((a, b) => a - b);
    const total = statements.reduce((sum, n) => sum + n, 0);
    process.stdout.write(
      [
        `on ${db.dialect}`,
        `view rebuilt from the graph at position ${head}: ${shops} shops in ${(rebuildMs / 1000).toFixed(1)} s, ` +
          `CPU ${(rebuildCpu / 1000).toFixed(1)} s (${(rebuildCpu / shops).toFixed(2)} ms a shop)`,
        `kept from ${start} to ${head} in ${steps} steps of ${step} events: ${newShops} new shops in ${(upkeepMs / 1000).toFixed(1)} s, ` +
          `CPU ${(upkeepCpu / 1000).toFixed(1)} s (${(upkeepCpu / newShops).toFixed(2)} ms a new shop, ${(upkeepCpu / steps).toFixed(0)} ms a step); ` +
          `${resolved} shops resolved again`,
        `statements a step: mean ${(total / steps).toFixed(0)}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted[sorted.length - 1]} ` +
          `(${(total / newShops).toFixed(2)} a new shop); wall ${(upkeepMs / steps).toFixed(0)} ms a step`,
        'statements by shape, most time first (count, ms in all):',
        ...[...byShape]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 12)
          .map(([shape, { n, ms }]) => `  ${String(n).padStart(6)} ${ms.toFixed(0).padStart(7)} ms  ${shape}`),
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    await copy.drop();
  }
}

/** A copy of the folder's database to replay on: its SQLite file, or its kept PostgreSQL database (see bench-database.ts). */
async function copyOf(dataDir: string, databaseUrl: string | undefined): Promise<{ config: SqlConfig; drop: () => Promise<void> }> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'view-upkeep-'));
    copyFileSync(join(dataDir, 'registry.sqlite'), join(dir, 'registry.sqlite'));
    return { config: { dialect: 'sqlite', file: join(dir, 'registry.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const source = `bench_${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
  const name = `upkeep_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { config: { dialect: 'postgres', url: url.toString(), poolSize: 2 }, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Wall time per statement shape (its first words), over the whole replay: where a step's time goes. */
const byShape = new Map<string, { n: number; ms: number }>();

/** The same statements, counted and timed. */
function counted(sql: Sql, count: { n: number }): Sql {
  const timed = async <R>(text: string, run: () => Promise<R>): Promise<R> => {
    count.n++;
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const flat = text.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…');
      const where = flat.indexOf(' WHERE ');
      const shape = `${flat.slice(0, 40)} …${where < 0 ? '' : flat.slice(where, where + 70)}`;
      const seen = byShape.get(shape) ?? { n: 0, ms: 0 };
      seen.n++;
      seen.ms += performance.now() - t0;
      byShape.set(shape, seen);
    }
  };
  return {
    dialect: sql.dialect,
    rows: <T>(text: string, params?: readonly unknown[]) => timed(text, () => sql.rows<T>(text, params)),
    run: (text: string, params?: readonly unknown[]) => timed(text, () => sql.run(text, params)),
  };
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
