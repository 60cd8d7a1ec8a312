import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openBenchDatabase } from '../bench/bench-database';
import { POSTGRES_ADMIN_URL } from '../support/postgres-url';

const databaseOf = (env: Record<string, string>) => new URL(env.DATABASE_URL).pathname.slice(1);

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const exists = (name: string) =>
  onServer(POSTGRES_ADMIN_URL, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0);

describe("a benchmark's database, on PostgreSQL", () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-database-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a new database of its own, read before and after the registry creates its tables, dropped at the end', async () => {
    const database = await openBenchDatabase(dir, POSTGRES_ADMIN_URL, false);
    const name = databaseOf(database.env);
    expect(name).toMatch(/^bench_[0-9a-f]{12}$/);
    expect(database.fresh).toBe(true);
    const positions = await database.positions();
    expect(await positions.head()).toBe(0); // no tables yet

    await onServer(database.env.DATABASE_URL, (c) =>
      c.query(`CREATE TABLE events (position BIGINT PRIMARY KEY, body TEXT);
               CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position BIGINT);
               CREATE TABLE operator_view_state (id INTEGER PRIMARY KEY, position BIGINT);
               INSERT INTO events VALUES (1, 'a'), (2, 'b'), (3, 'c');
               INSERT INTO projection_checkpoints VALUES ('identity-graph', 2);
               INSERT INTO operator_view_state VALUES (1, 1)`),
    );
    const [head, checkpoint, viewPoint] = await Promise.all([positions.head(), positions.checkpoint('identity-graph'), positions.viewPoint()]);
    expect({ head, checkpoint, viewPoint }).toEqual({ head: 3, checkpoint: 2, viewPoint: 1 });
    await positions.close();
    const breakdown = await database.breakdown();
    expect(breakdown.objects.find((o) => o.name === 'events')).toMatchObject({ type: 'table', rows: 3 });
    expect(await database.bytes()).toBe(breakdown.totalBytes);

    await database.close();
    expect(await exists(name)).toBe(false);
  });

  it('is named after a kept folder, found again by the next run and kept', async () => {
    const first = await openBenchDatabase(dir, POSTGRES_ADMIN_URL, true);
    const name = databaseOf(first.env);
    await first.close();
    try {
      expect(await exists(name)).toBe(true);
      const again = await openBenchDatabase(dir, POSTGRES_ADMIN_URL, true);
      expect({ name: databaseOf(again.env), fresh: again.fresh }).toEqual({ name, fresh: false });
      await again.close();
    } finally {
      await onServer(POSTGRES_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
