import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SqlDatabase, SqlSchema } from '@registry/event-store';

/** A fresh SQLite file in a temporary folder, removed when the database closes. */
export async function openTemporarySqlite(schema: SqlSchema): Promise<SqlDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-test-'));
  const db = await SqlDatabase.open({ dialect: 'sqlite', file: join(dir, 'registry.sqlite') }, schema);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return db;
}

import { POSTGRES_ADMIN_URL } from './postgres-url';

export { POSTGRES_ADMIN_URL };

/** Creates an empty PostgreSQL database for one suite on `server` and gives its URL. */
export async function createPostgresDatabase(server: string = POSTGRES_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `registry_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A database with `schema`, removed when it closes: SQLite in a temporary folder, or, when
 * `postgresServer` names a PostgreSQL server (the services suite sets one), a new database there.
 */
export async function openTemporaryDatabase(schema: SqlSchema, postgresServer: string | undefined, poolSize = 4): Promise<SqlDatabase> {
  if (!postgresServer) return openTemporarySqlite(schema);
  const database = await createPostgresDatabase(postgresServer);
  const db = await SqlDatabase.open({ dialect: 'postgres', url: database.url, poolSize }, schema);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await database.drop();
  };
  return db;
}
