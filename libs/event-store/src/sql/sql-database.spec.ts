import { ChildProcess, spawn } from 'node:child_process';
import { openTemporarySqlite } from '../../../../test/support/databases';
import { SqlDatabase } from './sql-database';

describe('SqlDatabase.writeDeferred', () => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE notes (text TEXT NOT NULL)'));
  });
  afterEach(() => db.close());

  const notes = async () => (await db.reader.rows<{ text: string }>('SELECT text FROM notes ORDER BY rowid')).map((r) => r.text);

  it('runs a statement through `last` on its own when nothing began the transaction: it stays when the work then fails', async () => {
    await expect(
      db.writeDeferred(async (tx) => {
        await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['alone']);
        throw new Error('after the statement');
      }),
    ).rejects.toThrow('after the statement');
    expect(await notes()).toEqual(['alone']);
  });

  it('begins the transaction at the first statement through `tx`, and `last` then joins it: both roll back together', async () => {
    await expect(
      db.writeDeferred(async (tx) => {
        await tx.run('INSERT INTO notes (text) VALUES ($1)', ['first']);
        await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['last']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await notes()).toEqual([]);
  });

  it('commits what the work wrote once it resolves', async () => {
    await db.writeDeferred(async (tx) => {
      await tx.run('INSERT INTO notes (text) VALUES ($1)', ['first']);
      await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['last']);
    });
    expect(await notes()).toEqual(['first', 'last']);
  });
});

describe('SqlDatabase.write on a SQLite file that another process writes too', () => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE notes (text TEXT NOT NULL)'));
  });
  afterEach(() => db.close());

  it('holds the write lock from the start, so the other process waits its turn instead of failing this transaction after its read', async () => {
    const file = db.writer.options.database as string;
    let other: { exited: Promise<number | null> } | undefined;
    await db.write(async (tx) => {
      await tx.rows('SELECT COUNT(*) AS n FROM notes');
      other = await anotherProcessInserting(file, 'theirs');
      await new Promise((resolve) => setTimeout(resolve, 200)); // time for it to commit, were the lock not held
      await tx.run('INSERT INTO notes (text) VALUES ($1)', ['ours']);
    });
    expect(await other?.exited).toBe(0);
    expect((await db.reader.rows<{ text: string }>('SELECT text FROM notes ORDER BY rowid')).map((r) => r.text)).toEqual(['ours', 'theirs']);
  });
});

describe('SqlDatabase.write while another process holds the write lock', () => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE notes (text TEXT NOT NULL)'));
  });
  afterEach(() => db.close());

  it('begins again until the lock is free, even when SQLite itself does not wait (busy_timeout 0 here)', async () => {
    await db.writer.query('PRAGMA busy_timeout = 0');
    const holder = await anotherProcessHoldingTheLock(db.writer.options.database as string, 300);
    await db.write((tx) => tx.run('INSERT INTO notes (text) VALUES ($1)', ['ours']));
    expect(await holder.exited).toBe(0);
    expect((await db.reader.rows<{ text: string }>('SELECT text FROM notes ORDER BY rowid')).map((r) => r.text)).toEqual(['theirs', 'ours']);
  });
});

/** Starts a process that inserts into `notes` in a transaction it keeps open `ms` before committing; resolves once it holds the lock. */
function anotherProcessHoldingTheLock(file: string, ms: number): Promise<{ exited: Promise<number | null> }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('theirs');
    process.stdout.write('ready\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  return started(spawn(process.execPath, ['-e', script, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] }));
}

/** Starts a process that inserts into `notes` (waiting up to 10 s for the lock); resolves once it is about to, with its exit code to come. */
function anotherProcessInserting(file: string, text: string): Promise<{ exited: Promise<number | null> }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    process.stdout.write('ready\\n');
    insert.run(process.argv[2]);
    db.close();`;
  return started(spawn(process.execPath, ['-e', script, file, text], { stdio: ['ignore', 'pipe', 'inherit'] }));
}

/** Resolves when the child writes its first line, with its exit code to come. */
function started(child: ChildProcess): Promise<{ exited: Promise<number | null> }> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((ready, fail) => {
    child.stdout!.once('data', () => ready({ exited }));
    child.once('exit', (code) => fail(new Error(`the other process exited with ${code} before it was ready`)));
  });
}
