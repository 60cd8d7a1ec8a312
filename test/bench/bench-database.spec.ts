import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchDatabase } from './bench-database';

describe("a benchmark's database, on the embedded SQLite store", () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-database-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the head, a checkpoint and the view point from the folder’s file, and its size', async () => {
    expect((await openBenchDatabase(dir, undefined, false)).fresh).toBe(true);
    const db = new Database(join(dir, 'registry.sqlite'));
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, body TEXT);
             CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER);
             CREATE TABLE operator_view_state (id INTEGER PRIMARY KEY, position INTEGER);
             INSERT INTO events (position, body) VALUES (1, 'a'), (2, 'b'), (3, 'c');
             INSERT INTO projection_checkpoints VALUES ('identity-graph', 2), ('shop-directory', 3)`);
    db.close();

    const database = await openBenchDatabase(dir, undefined, false);
    expect(database.fresh).toBe(false);
    expect(database.env).toEqual({});
    const positions = await database.positions();
    expect(await positions.head()).toBe(3);
    expect(await positions.checkpoint('identity-graph')).toBe(2);
    expect(await positions.checkpoint('not-there')).toBe(0);
    expect(await positions.viewPoint()).toBe(0);
    await positions.close();
    const breakdown = await database.breakdown();
    expect(breakdown.objects.find((o) => o.name === 'events')).toMatchObject({ type: 'table', rows: 3 });
    expect(await database.bytes()).toBeGreaterThanOrEqual(breakdown.totalBytes);
    await database.close();
  });
});
