import { SqlDatabase, preparedOnPostgres } from '@registry/event-store';

const MODE = preparedOnPostgres("SELECT current_setting('plan_cache_mode') AS mode");

/**
 * What an operator is told at start when PostgreSQL's prepared reads do not keep one plan each: the
 * startup option that asks for it was dropped on the way (a pooler that ignores startup options).
 * The answers are the same; the reads plan at every run, slower (docs/operations.md). Null on
 * SQLite, or when the setting holds.
 */
export async function preparedReadsWarning(db: Pick<SqlDatabase, 'dialect' | 'reader'>): Promise<{ msg: string; planCacheMode: string } | null> {
  if (db.dialect !== 'postgres') return null;
  const [row] = await db.reader.rows<{ mode: string }>(MODE);
  const planCacheMode = row?.mode ?? 'not reported';
  if (planCacheMode === 'force_generic_plan') return null;
  return {
    msg: 'PostgreSQL plans the prepared reads at every run: the plan_cache_mode startup option did not reach the server (docs/operations.md#postgresql)',
    planCacheMode,
  };
}
