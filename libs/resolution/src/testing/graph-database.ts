import { Sql, SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { RegistryFact } from '../domain';
import { writeFacts } from '../identity-graph/fact-table';
import { shopsStating } from '../reading/fact-neighbourhood';
import { COUNT_CAP, ShopCounter } from '../reading/key-counts';
import { resolutionMigrations } from '../index';

/**
 * A database with the event store's and resolution's tables; closing it removes it. SQLite in a
 * temporary folder, or, when `GRAPH_TEST_POSTGRES_URL` names a PostgreSQL server (the services
 * suite sets it), a new database there: the walk and the view's upkeep ask PostgreSQL other
 * statements than SQLite, and the properties hold on both.
 */
export async function openGraphDatabase(): Promise<SqlDatabase> {
  const server = process.env.GRAPH_TEST_POSTGRES_URL;
  if (server) return openPostgresGraphDatabase(server);
  const dir = mkdtempSync(join(tmpdir(), 'resolution-'));
  const db = await SqlDatabase.open({ dialect: 'sqlite', file: join(dir, 'graph.sqlite') }, { migrations: [...eventStoreMigrations, ...resolutionMigrations] });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return db;
}

async function openPostgresGraphDatabase(server: string): Promise<SqlDatabase> {
  const name = `graph_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await SqlDatabase.open(
    { dialect: 'postgres', url: url.toString(), poolSize: 4 },
    { migrations: [...eventStoreMigrations, ...resolutionMigrations] },
  );
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return db;
}

/**
 * Stores facts in the identity-graph table as the projection would, each fact its own source sealed
 * under a data key named as the fact (what `eraseFacts` is given), read from the event at its position.
 */
export function storeFacts(tx: Sql, facts: readonly RegistryFact[]): Promise<void> {
  return writeFacts(
    tx,
    facts.map((fact) => ({ fact, source: fact.factId, dataKeyId: fact.factId, sourcePosition: fact.addedAt })),
  );
}

/** Shops stating each key, counted in the identity-graph table on every call (nothing remembered): what the remembered counts must equal. */
export const countShopsIn =
  (sql: Sql): ShopCounter =>
  (keys, position) =>
    shopsStating(sql, keys, position, COUNT_CAP + 1);
