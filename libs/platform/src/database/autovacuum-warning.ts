import { SqlDatabase } from '@registry/event-store';

/**
 * What an operator is told at start when PostgreSQL runs without autovacuum: the registry's tables
 * grow from empty and the operator view rewrites its rows, and with nothing to analyse or vacuum
 * them the view fell 30 times further behind under new claims (docs/operations.md). Null on
 * SQLite, or when autovacuum is on.
 */
export async function autovacuumWarning(db: Pick<SqlDatabase, 'dialect' | 'reader'>): Promise<string | null> {
  if (db.dialect !== 'postgres') return null;
  const [row] = await db.reader.rows<{ autovacuum: string }>('SHOW autovacuum');
  if (row?.autovacuum === 'on') return null;
  return `PostgreSQL's autovacuum is ${row?.autovacuum ?? 'not reported'}: nothing analyses or vacuums the registry's tables as they grow, and the read models fall behind (turn it on: docs/operations.md#postgresql)`;
}
