/**
 * `npm run bench:append`: events/s of SqlEventStore.append against plain INSERTs of the same rows
 * into the same database (the limit of this machine), and of a projection rebuild.
 *
 * Not a test: it prints one table. Only the ratios carry over between machines.
 * BENCH_SCALE (default 1) scales the number of events of every case.
 * BENCH_ONLY (a regular expression) runs only the cases whose label matches, e.g. 'postgres single'.
 * TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) is the admin connection
 * used to create and drop a fresh `bench_…` database.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Projection, Processor, Sql, SqlDatabase, SqlEventStore, StoredEvent, eventStoreMigrations } from '@registry/event-store';
import { POSTGRES_ADMIN_URL, openTemporarySqlite } from '../support/databases';
import { createPlainEventsTable, indexesOf, plainInsert } from './plain-events';
import { BenchAppend, Workload, averageDataBytes, buildWorkload, eventCount, slices } from './workload';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ONLY = new RegExp(process.env.BENCH_ONLY ?? '', 'i');
const POSTGRES_POOL_SIZE = 20;
/** Each case runs as up to this many slices (of at least 8 appends per writer), store and plain taking turns. */
const SLICES = 8;

interface AppendCase {
  readonly label: string;
  readonly writers: number;
  readonly eventsPerAppend: number;
  /** Events per side (store and plain each insert this many), before BENCH_SCALE. */
  readonly events: number;
  readonly target: number;
}

const SQLITE_CASES: AppendCase[] = [
  { label: 'sqlite single, 1 writer', writers: 1, eventsPerAppend: 1, events: 25_000, target: 0.7 },
  { label: 'sqlite batch 100, 1 writer', writers: 1, eventsPerAppend: 100, events: 60_000, target: 0.8 },
];

const POSTGRES_CASES: AppendCase[] = [
  { label: 'postgres single, 1 writer', writers: 1, eventsPerAppend: 1, events: 6_000, target: 0.7 },
  { label: 'postgres single, 16 writers', writers: 16, eventsPerAppend: 1, events: 8_000, target: 0.7 },
  { label: 'postgres batch 100, 1 writer', writers: 1, eventsPerAppend: 100, events: 40_000, target: 0.8 },
  { label: 'postgres batch 100, 16 writers', writers: 16, eventsPerAppend: 100, events: 64_000, target: 0.8 },
];

const REBUILD_TARGET = 50_000;

interface Row {
  readonly label: string;
  readonly events: number;
  readonly store: number;
  readonly plain: number | null;
  readonly target: string;
  readonly pass: boolean;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly plainP50: number | null;
  /** This process's CPU (user + system) per event, µs: the store's side, and the plain side's. */
  readonly cpu: number | null;
  readonly plainCpu: number | null;
}

const rows: Row[] = [];
const notes: string[] = [];

// ---------------------------------------------------------------------------------------------

/** Runs every writer's appends concurrently (each writer one after the other); gives the elapsed ms. */
async function runWriters(workload: Workload, append: (a: BenchAppend) => Promise<unknown>, latencies?: number[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    workload.map(async (appends) => {
      for (const a of appends) {
        const t0 = performance.now();
        await append(a);
        latencies?.push(performance.now() - t0);
      }
    }),
  );
  return performance.now() - started;
}

function storeAppender(store: SqlEventStore) {
  return async (a: BenchAppend) => {
    const result = await store.append(a.stream, a.events, a.expected);
    const expectedNext = a.firstVersion + a.events.length - 1;
    if (result.nextVersion !== expectedNext) throw new Error(`${a.stream}: next version ${result.nextVersion}, expected ${expectedNext}`);
  };
}

async function countRows(db: SqlDatabase, table: string): Promise<number> {
  const [row] = await db.reader.rows<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function appendCase(db: SqlDatabase, store: SqlEventStore, c: AppendCase): Promise<void> {
  const appendsPerWriter = Math.max(16, Math.round((c.events * SCALE) / c.writers / c.eventsPerAppend));
  const tag = c.label.replace(/[^a-z0-9]+/g, '-');
  const warmup = buildWorkload(`${tag}-warm`, c.writers, Math.max(2, Math.ceil(appendsPerWriter / 10)), c.eventsPerAppend);
  const workload = buildWorkload(tag, c.writers, appendsPerWriter, c.eventsPerAppend);
  const toStore = storeAppender(store);
  const toPlain = (a: BenchAppend) => plainInsert(db, a);

  const before = { store: await countRows(db, 'events'), plain: await countRows(db, 'plain_events') };
  await runWriters(warmup, toStore);
  await runWriters(warmup, toPlain);

  // Store and plain take turns slice by slice, in ABBA order, so that drift (table and index
  // growth, checkpoints, autovacuum, other load on the machine) hits both sides alike.
  const latencies: number[] = [];
  const plainLatencies: number[] = [];
  let storeMs = 0;
  let plainMs = 0;
  let storeCpu = 0;
  let plainCpu = 0;
  const cpuOf = async (run: () => Promise<unknown>) => {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    return used.user + used.system;
  };
  const sliceCount = Math.min(SLICES, Math.floor(appendsPerWriter / 8));
  for (const [i, slice] of slices(workload, sliceCount).entries()) {
    const store = () => cpuOf(() => runWriters(slice, toStore, latencies).then((ms) => (storeMs += ms))).then((us) => (storeCpu += us));
    const plain = () => cpuOf(() => runWriters(slice, toPlain, plainLatencies).then((ms) => (plainMs += ms))).then((us) => (plainCpu += us));
    if (i % 2 === 0) await store().then(plain);
    else await plain().then(store);
  }

  const events = eventCount(workload);
  const inserted = {
    store: (await countRows(db, 'events')) - before.store,
    plain: (await countRows(db, 'plain_events')) - before.plain,
  };
  const expected = events + eventCount(warmup);
  if (inserted.store !== expected || inserted.plain !== expected) {
    throw new Error(`${c.label}: store inserted ${inserted.store}, plain ${inserted.plain}, expected ${expected} each`);
  }

  const storeRate = (events / storeMs) * 1000;
  const plainRate = (events / plainMs) * 1000;
  latencies.sort((a, b) => a - b);
  plainLatencies.sort((a, b) => a - b);
  rows.push({
    label: c.label,
    events,
    store: storeRate,
    plain: plainRate,
    target: `>= ${c.target.toFixed(2)}`,
    pass: storeRate / plainRate >= c.target,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    plainP50: percentile(plainLatencies, 50),
    cpu: storeCpu / events,
    plainCpu: plainCpu / events,
  });
  printProgress(rows[rows.length - 1]);
}

// ---------------------------------------------------------------------------------------------

/** A simple read model: how many events of each type. */
class TypeCounts implements Projection {
  readonly name = 'bench-type-counts';

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    for (const [type, count] of counts) {
      await tx.run(
        'INSERT INTO bench_type_counts (type, count) VALUES ($1, $2) ON CONFLICT (type) DO UPDATE SET count = bench_type_counts.count + excluded.count',
        [type, count],
      );
    }
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM bench_type_counts');
  }
}

async function rebuildCase(db: SqlDatabase, store: SqlEventStore, label: string): Promise<void> {
  await db.write((tx) => tx.run('CREATE TABLE bench_type_counts (type TEXT PRIMARY KEY, count BIGINT NOT NULL)'));
  const projection = new TypeCounts();
  const runner = new Processor(store, db, [projection]);
  const total = await countRows(db, 'events');

  // The first rebuild warms up (JIT, caches); the median of the next three is reported.
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < 4; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const applied = await runner.rebuild(projection.name);
    runs.push((applied / (performance.now() - started)) * 1000);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / applied);
    const [check] = await db.reader.rows<{ n: number | string }>('SELECT SUM(count) AS n FROM bench_type_counts');
    if (applied !== total || Number(check.n) !== total) throw new Error(`${label}: rebuilt ${applied} events, counted ${check.n}, stored ${total}`);
  }
  const measured = runs.slice(1).sort((a, b) => a - b)[1];
  notes.push(`${label}: warm-up ${fmt(runs[0])} ev/s, then ${runs.slice(1).map(fmt).join(', ')} ev/s (median reported; batch size 2000)`);
  rows.push({
    label: `${label} (${total} events)`,
    events: total,
    store: measured,
    plain: null,
    target: `>= ${fmt(REBUILD_TARGET)} ev/s`,
    pass: measured >= REBUILD_TARGET,
    p50: null,
    p99: null,
    plainP50: null,
    cpu: cpus.slice(1).sort((a, b) => a - b)[1],
    plainCpu: null,
  });
  printProgress(rows[rows.length - 1]);
}

/**
 * Both tables got the same number of rows and streams. Their sizes differ: the store writes the
 * usual metadata short and, on SQLite, data, metadata and time in compact forms; the plain side
 * writes the JSON text.
 */
async function checkSameRows(db: SqlDatabase, dialect: string): Promise<void> {
  // Bytes as stored on SQLite (a BLOB or text), of the JSON text on PostgreSQL (jsonb has no BLOB cast).
  const bytes = (column: string) => (db.dialect === 'postgres' ? `octet_length(${column}::text)` : `LENGTH(CAST(${column} AS BLOB))`);
  const count = async (table: string) => {
    const [row] = await db.reader.rows<Record<string, number | string>>(`SELECT COUNT(*) AS n, COUNT(DISTINCT stream) AS streams FROM ${table}`);
    return `${row.n} rows, ${row.streams} streams`;
  };
  const size = async (table: string) => {
    const [row] = await db.reader.rows<Record<string, number | string>>(
      `SELECT AVG(${bytes('data')}) AS data, AVG(${bytes('metadata')}) AS metadata FROM ${table}`,
    );
    return `avg data ${Number(row.data).toFixed(1)} bytes, avg metadata ${Number(row.metadata).toFixed(1)} bytes`;
  };
  const [events, plain] = [await count('events'), await count('plain_events')];
  if (events !== plain) throw new Error(`${dialect}: events (${events}) and plain_events (${plain}) differ`);
  notes.push(`${dialect}: events ${await size('events')}; plain_events ${await size('plain_events')}`);
  const [eventIndexes, plainIndexes] = [(await indexesOf(db, 'events')).join('; '), (await indexesOf(db, 'plain_events')).join('; ')];
  if (eventIndexes !== plainIndexes) throw new Error(`${dialect}: events indexes (${eventIndexes}) and plain_events indexes (${plainIndexes}) differ`);
  notes.push(`${dialect}: events and plain_events alike: ${events}; indexes: ${eventIndexes}`);
}

// ---------------------------------------------------------------------------------------------

async function sqlite(): Promise<void> {
  const db = await openTemporarySqlite({ migrations: eventStoreMigrations });
  const store = new SqlEventStore(db);
  try {
    await createPlainEventsTable(db);
    for (const c of SQLITE_CASES.filter((c) => ONLY.test(c.label))) await appendCase(db, store, c);
    await checkSameRows(db, 'sqlite');
    if (ONLY.test('rebuild sqlite')) await rebuildCase(db, store, 'rebuild sqlite');
  } finally {
    await store.close();
    await db.close();
  }
}

async function postgres(): Promise<void> {
  const name = `bench_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const db = await SqlDatabase.open({ dialect: 'postgres', url: url.toString(), poolSize: POSTGRES_POOL_SIZE }, { migrations: eventStoreMigrations });
    const store = new SqlEventStore(db);
    try {
      const [{ autovacuum }] = await db.reader.rows<{ autovacuum: string }>('SHOW autovacuum');
      notes.push(
        `postgres: autovacuum ${autovacuum} on this server (its default is on; the store's append does not depend on it since migration 1764400350000)`,
      );
      await createPlainEventsTable(db);
      for (const c of POSTGRES_CASES.filter((c) => ONLY.test(c.label))) await appendCase(db, store, c);
      await checkSameRows(db, 'postgres');
      if (ONLY.test('rebuild postgres')) await rebuildCase(db, store, 'rebuild postgres');
    } finally {
      await store.close();
      await db.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

// ---------------------------------------------------------------------------------------------

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function printProgress(row: Row): void {
  const ratio = row.plain === null ? '' : ` ratio ${(row.store / row.plain).toFixed(2)}`;
  process.stderr.write(`  done: ${row.label}: ${fmt(row.store)} ev/s${ratio}\n`);
}

function printTable(totalSeconds: number): void {
  const header = ['case', 'events', 'store ev/s', 'plain ev/s', 'ratio', 'target', 'result', 'p50 ms', 'p99 ms', 'plain p50', 'CPU µs/ev', 'plain CPU'];
  const body = rows.map((r) => [
    r.label,
    fmt(r.events),
    fmt(r.store),
    r.plain === null ? '-' : fmt(r.plain),
    r.plain === null ? '-' : (r.store / r.plain).toFixed(2),
    r.target,
    r.pass ? 'PASS' : 'below target',
    r.p50 === null ? '-' : r.p50.toFixed(2),
    r.p99 === null ? '-' : r.p99.toFixed(2),
    r.plainP50 === null ? '-' : r.plainP50.toFixed(2),
    r.cpu === null ? '-' : r.cpu.toFixed(1),
    r.plainCpu === null ? '-' : r.plainCpu.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  console.log('');
  console.log(line(header));
  body.forEach((b) => console.log(line(b)));
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB   total time: ${totalSeconds.toFixed(1)} s`);
  console.log('');
  console.log(
    'p50/p99: latency of one store append as its caller sees it; plain p50: of one plain INSERT transaction. ratio = store ev/s / plain ev/s. CPU: this process (the database is embedded on SQLite), per event.',
  );
  notes.forEach((n) => console.log(`- ${n}`));
}

async function main(): Promise<void> {
  const started = performance.now();
  const sample = averageDataBytes(buildWorkload('sample', 1, 10, 10));
  notes.push(`event size: data ~${sample.data.toFixed(0)} bytes of JSON, metadata ~${sample.metadata.toFixed(0)} bytes`);
  process.stderr.write(`bench:append (BENCH_SCALE=${SCALE}${process.env.BENCH_ONLY ? `, BENCH_ONLY=${process.env.BENCH_ONLY}` : ''})\n`);
  if ([...SQLITE_CASES.map((c) => c.label), 'rebuild sqlite'].some((label) => ONLY.test(label))) await sqlite();
  if ([...POSTGRES_CASES.map((c) => c.label), 'rebuild postgres'].some((label) => ONLY.test(label))) await postgres();
  printTable((performance.now() - started) / 1000);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
