import { Sql, textHash } from '@registry/event-store';

/**
 * A condition that the row of `resolution_names` named `alias` is one of the names, with its
 * parameters from `$first` on: on PostgreSQL by name, one array; on SQLite by the names' hashes
 * (the index that finds a name there, see fact-table.ts) and then their text, each hash worked out
 * here rather than by `text_hash` called back from SQLite for each name, each time the statement
 * reads the list (a read's name lookups were among its costliest statements).
 */
export function namesAmong(sql: Sql, alias: string, names: readonly string[], first = 1): { condition: string; params: unknown[] } {
  if (sql.dialect === 'postgres') return { condition: `${alias}.name = ANY($${first})`, params: [[...names]] };
  const list = (from: number) => names.map((_, n) => `$${from + n}`).join(', ');
  return {
    condition: `${alias}.hash IN (${list(first)}) AND ${alias}.name IN (${list(first + names.length)})`,
    params: [...names.map(textHash), ...names],
  };
}

/**
 * `IN (…)` the numbers of the names, for a column of them (`f.key1 ${among}`), with its parameters
 * from `$first` on. On PostgreSQL as an array the planner sees as a list of values (see `namedAmong`
 * in fact-table.ts): it looks each up in the column's index instead of joining the tables.
 */
export function keyIdsAmong(sql: Sql, names: readonly string[], first: number): { among: string; params: unknown[] } {
  const named = namesAmong(sql, 'n', names, first);
  const ids = `SELECT n.id FROM resolution_names n WHERE ${named.condition}`;
  return { among: sql.dialect === 'postgres' ? `= ANY(ARRAY(${ids}))` : `IN (${ids})`, params: named.params };
}
