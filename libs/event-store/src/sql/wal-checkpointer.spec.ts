import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SqlDatabase } from './sql-database';

/**
 * The embedded database's WAL is copied into the database file by a worker thread, not by the
 * commit that grows it: a commit writes to the WAL, and within moments the pages are in the file,
 * though the WAL holds far fewer pages than the writer's own checkpoint waits for (256 MiB).
 */
describe('embedded database: WAL checkpoints on a worker thread', () => {
  let dir: string;
  let file: string;
  let db: SqlDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    file = join(dir, 'registry.sqlite');
    db = await SqlDatabase.open({ dialect: 'sqlite', file }, { migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE notes (text TEXT NOT NULL)'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sizeOf = (path: string) => statSync(path).size;

  it('given a commit of 4 MB, the database file holds its pages within seconds, while small writes go on', async () => {
    const before = sizeOf(file);
    await db.write(async (tx) => {
      for (let n = 0; n < 400; n++) await tx.run('INSERT INTO notes (text) VALUES ($1)', [`${n}`.padEnd(10_000, 'x')]);
    });
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(4_000_000);
    expect(sizeOf(file) - before).toBeLessThan(100_000);

    const deadline = performance.now() + 10_000;
    while (sizeOf(file) - before < 4_000_000 && performance.now() < deadline) {
      await db.write((tx) => tx.run('INSERT INTO notes (text) VALUES ($1)', ['meanwhile']));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect(sizeOf(file) - before).toBeGreaterThan(4_000_000);
  });

  it('given the database closed (the worker closing its connection first), its file opens again and holds every committed row', async () => {
    await db.write((tx) => tx.run('INSERT INTO notes (text) VALUES ($1)', ['kept']));
    await db.close();

    db = await SqlDatabase.open({ dialect: 'sqlite', file }, { migrations: [] });

    expect(await db.reader.rows('SELECT text FROM notes')).toEqual([{ text: 'kept' }]);
  });

  it('given a process with nothing else to do, closing the database runs to its end before the process exits', async () => {
    // A process of its own: here Jest keeps the event loop busy, and the exit would never be early.
    const script = `
      const { SqlDatabase } = require(${JSON.stringify(resolve(__dirname, 'sql-database'))});
      (async () => {
        const db = await SqlDatabase.open({ dialect: 'sqlite', file: process.argv[1] }, { migrations: [] });
        await db.write((tx) => tx.run("INSERT INTO notes (text) VALUES ('from the child')"));
        await db.close();
        process.stdout.write('closed');
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, file], { timeout: 60_000 });

    expect(stdout).toBe('closed');
  }, 60_000);
});
