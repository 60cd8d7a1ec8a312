/**
 * `npm run bench:profile -- <file.cpuprofile> [top N]`: the functions with the most self time in a V8 CPU
 * profile (as written by `BENCH_PROFILE_DIR=… npm run bench:http` or `bench:resolution`), and the self time per package/folder.
 */
import { existsSync, readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run bench:profile -- <file.cpuprofile> [top N]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = profile.endTime - profile.startTime;

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(/^.*\/dist\//, 'dist/');
const area = (url: string) => {
  const u = shortUrl(url);
  if (!u) return '(native / gc / idle)';
  if (u.startsWith('node:')) return 'node: core';
  const nm = u.match(/^node_modules\/((@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  const own = u.match(/^dist\/(libs\/[^/]+|apps\/[^/]+)/);
  return own ? own[1] : u;
};

const functions = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'}  ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  areas.set(area(url), (areas.get(area(url)) ?? 0) + us);
}
const print = (title: string, entries: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .forEach(([name, us]) => console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`));
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${profile.samples.length} samples`);
print('self time by function', functions, top);
print('self time by package / folder', areas, 25);

// `--callers NAME`: where the self time of the functions called NAME comes from (the nearest frames of
// this project or of typeorm above them), e.g. `all` or `run` (better-sqlite3 statements).
const callersOf = process.argv.indexOf('--callers');
if (callersOf > 0) {
  const name = process.argv[callersOf + 1];
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName !== name) continue;
    const frames: string[] = [];
    for (let p = parent.get(id); p !== undefined && frames.length < 4; p = parent.get(p)) {
      const { functionName, url, lineNumber } = byId.get(p)!.callFrame;
      if (/\/dist\/(libs|apps)\//.test(url)) frames.push(`${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`);
    }
    const key = frames.join(' < ') || '(no project frame)';
    chains.set(key, (chains.get(key) ?? 0) + us);
  }
  print(`self time of ${name} by caller (nearest project frames)`, chains, 20);
}

// The statement timings the hook wrote beside the profile, if any.
const sqlFile = file.replace(/\.cpuprofile$/, '.sql.json');
if (sqlFile !== file && existsSync(sqlFile)) {
  const statements = JSON.parse(readFileSync(sqlFile, 'utf8')) as { sql: string; calls: number; ms: number; rows: number; maxMs?: number; over1ms?: number }[];
  const sum = statements.reduce((s, x) => s + x.ms, 0);
  console.log(`\nSQLite statements (${sqlFile}): ${sum.toFixed(0)} ms in ${statements.reduce((s, x) => s + x.calls, 0)} calls`);
  for (const s of statements.slice(0, 15)) {
    console.log(
      `${s.ms.toFixed(0).padStart(8)} ms ${String(s.calls).padStart(7)} calls ${(s.ms / s.calls).toFixed(3).padStart(7)} ms/call ` +
        `max ${(s.maxMs ?? 0).toFixed(1).padStart(6)} ms ${String(s.over1ms ?? 0).padStart(5)} >1 ms ${String(s.rows).padStart(8)} rows  ${s.sql.slice(0, 100)}`,
    );
  }
}
