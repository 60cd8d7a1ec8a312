'use strict';
/**
 * Preloaded (`node -r`) into the registry process by the benchmarks (bench-server.ts) when BENCH_PROFILE_DIR is
 * set, with an IPC channel to the benchmark: the message 'profile:start' starts a V8 CPU profile,
 * 'profile:stop' stops it and writes `<BENCH_PROFILE_DIR>/<n>.cpuprofile` (n = 1, 2, …), so one profile
 * covers exactly one measured case; each is acknowledged with { profile: 'started' | <file> }.
 * (Not signals: the service's shutdown hooks take SIGUSR2 and every other usable one.)
 * Not part of the service; used by the benchmark only.
 */
const { Session } = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir && process.send) {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  let running = false;
  let n = 0;
  let sql = new Map();
  timeStatements((source, ms, rows) => {
    if (!running) return;
    const entry = sql.get(source) ?? { calls: 0, ms: 0, rows: 0, maxMs: 0, over1ms: 0 };
    entry.calls++;
    entry.ms += ms;
    entry.rows += rows;
    entry.maxMs = Math.max(entry.maxMs, ms);
    if (ms > 1) entry.over1ms++;
    sql.set(source, entry);
  });
  post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 200 }));
  process.on('message', async (message) => {
    try {
      if (message === 'profile:start' && !running) {
        running = true;
        sql = new Map();
        await post('Profiler.start');
        process.send({ profile: 'started' });
      } else if (message === 'profile:stop' && running) {
        running = false;
        const { profile } = await post('Profiler.stop');
        const file = join(dir, `${++n}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        // One entry per statement shape: the same statement with more or fewer placeholders counts once.
        const shapes = new Map();
        for (const [source, e] of sql) {
          const text = source
            .replace(/\s+/g, ' ')
            .replace(/(\?, ){3,}\?/g, '?, …, ?')
            .slice(0, 3000);
          const shape = shapes.get(text) ?? { sql: text, calls: 0, ms: 0, rows: 0, maxMs: 0, over1ms: 0 };
          shape.calls += e.calls;
          shape.ms += e.ms;
          shape.rows += e.rows;
          shape.maxMs = Math.max(shape.maxMs, e.maxMs);
          shape.over1ms += e.over1ms;
          shapes.set(text, shape);
        }
        const statements = [...shapes.values()].sort((a, b) => b.ms - a.ms);
        writeFileSync(file.replace(/\.cpuprofile$/, '.sql.json'), JSON.stringify(statements, null, 1));
        process.send({ profile: file });
      }
    } catch (error) {
      process.send({ profile: 'failed', error: String(error) });
    }
  });
}

/** Wraps the statements of better-sqlite3 (as loaded by the service) so that each call reports its duration. */
function timeStatements(report) {
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  let patched = false;
  Database.prototype.prepare = function (...args) {
    const statement = prepare.apply(this, args);
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(statement);
      for (const method of ['run', 'all', 'get']) {
        const original = proto[method];
        proto[method] = function (...params) {
          const t0 = process.hrtime.bigint();
          const result = original.apply(this, params);
          const rows = Array.isArray(result) ? result.length : method === 'run' ? result.changes : result ? 1 : 0;
          report(this.source, Number(process.hrtime.bigint() - t0) / 1e6, rows);
          return result;
        };
      }
    }
    return statement;
  };
}
