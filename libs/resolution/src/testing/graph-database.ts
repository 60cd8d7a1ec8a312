import { Sql, SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryFact } from '../domain';
import { writeFacts } from '../identity-graph/fact-table';
import { shopsStating } from '../reading/fact-neighbourhood';
import { COUNT_CAP, ShopCounter } from '../reading/key-counts';
import { resolutionMigrations } from '../index';

/** A SQLite database in a temporary folder with the event store's and resolution's tables; closing it removes the folder. */
export async function openGraphDatabase(): Promise<SqlDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'resolution-'));
  const db = await SqlDatabase.open({ dialect: 'sqlite', file: join(dir, 'graph.sqlite') }, { migrations: [...eventStoreMigrations, ...resolutionMigrations] });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
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
