import { Sql, SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import { openTemporaryDatabase } from '../../../../test/support/databases';
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
export function openGraphDatabase(): Promise<SqlDatabase> {
  return openTemporaryDatabase({ migrations: [...eventStoreMigrations, ...resolutionMigrations] }, process.env.GRAPH_TEST_POSTGRES_URL);
}

/**
 * How many random markets a property over the graph database tries: all of them on SQLite; a third
 * (at least ten) on PostgreSQL, where each market is stored and walked over the network, many times
 * slower. The same statements run on both; on a 2-core machine all 60 of the view's property passed
 * its 120 s limit on PostgreSQL, and 20 took about 50 s.
 */
export function marketsToTry(onSqlite: number): number {
  return process.env.GRAPH_TEST_POSTGRES_URL ? Math.max(10, Math.ceil(onSqlite / 3)) : onSqlite;
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
