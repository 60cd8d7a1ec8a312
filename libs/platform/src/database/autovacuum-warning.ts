import { SqlDatabase } from '@registry/event-store';

/**
 * What an operator is told at start when PostgreSQL runs without autovacuum: the registry's tables
 * grow from empty and the operator view rewrites its rows, and with nothing to analyse or vacuum
 * them the view fell 31–33 s behind new claims instead of 0.4–1.2 s (docs/operations.md). Null
 * on SQLite, or when autovacuum is on.
 */
export async function autovacuumWarning(db: Pick<SqlDatabase, 'dialect' | 'reader'>): Promise<{ msg: string; autovacuum: string } | null> {
  if (db.dialect !== 'postgres') return null;
  const [row] = await db.reader.rows<{ autovacuum: string }>('SHOW autovacuum');
  const autovacuum = row?.autovacuum ?? 'not reported';
  if (autovacuum === 'on') return null;
  return {
    msg: "PostgreSQL's autovacuum is not on: nothing analyses or vacuums the registry's tables as they grow, and the read models fall behind (docs/operations.md#postgresql)",
    autovacuum,
  };
}
