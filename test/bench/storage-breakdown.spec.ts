import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytesPerTable, sqliteStorageBreakdown } from './storage-breakdown';

describe('the storage breakdown of a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storage-breakdown-'));
  const file = join(dir, 'db.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the bytes of every table and index, which add up to the file with its free pages', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE facts (id INTEGER PRIMARY KEY, key TEXT); CREATE INDEX facts_key ON facts (key); CREATE TABLE gone (x TEXT)');
    const insert = db.prepare('INSERT INTO facts (key) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`key-${i}-${'x'.repeat(40)}`);
    })();
    db.prepare('INSERT INTO gone (x) SELECT key FROM facts').run();
    db.exec('DROP TABLE gone');
    db.close();

    const breakdown = sqliteStorageBreakdown(file);
    const byName = new Map(breakdown.objects.map((o) => [o.name, o]));
    expect(byName.get('facts')).toMatchObject({ type: 'table', table: 'facts', rows: 5000 });
    expect(byName.get('facts_key')).toMatchObject({ type: 'index', table: 'facts', rows: null });
    expect(byName.get('facts_key')!.bytes).toBeGreaterThan(5000 * 40);
    expect(byName.get('(free pages)')!.bytes).toBeGreaterThan(0);
    expect(breakdown.objects.reduce((sum, o) => sum + o.bytes, 0)).toBe(breakdown.totalBytes);
    const facts = byName.get('facts')!.bytes + byName.get('facts_key')!.bytes;
    expect(formatBytesPerTable(breakdown, 100)).toContain(`| facts | ${facts} |`);
  });
});
