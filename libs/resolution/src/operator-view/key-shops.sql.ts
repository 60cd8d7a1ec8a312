import { Sql, insertRows } from '@registry/event-store';
import { COUNT_CAP, ShopCounter } from '../reading/key-counts';
import { namesAmong } from '../identity-graph/fact-table';

/**
 * How many shops state each identifier at the operator view's point: the sizes of the leads and
 * hubs an answer shows, kept beside the view (issue 12) so that a read looks each up by its key
 * instead of counting the shops stating it, which took more facts to visit the larger the registry
 * grew (up to the count's cap for a common name or a depot's address). Keys are numbers into
 * `resolution_names`; a count is exact (reads cap it), and a key no shop states has no row.
 *
 * A count at a position is the number of distinct shops named by a fact on the key (as `key1` or
 * `key2`) known there, whatever its valid period: what `shopsStating` counts for a walk.
 */

/** A fact on `key` naming `shop`, known at the position parameter `at`. */
const known = (at: string) => `f.added_at <= ${at} AND (f.removed_at IS NULL OR f.removed_at > ${at})`;
const statedBy = (key: string, shop: string, at: string) =>
  `(EXISTS (SELECT 1 FROM resolution_facts f WHERE f.key1 = ${key} AND f.shop = ${shop} AND ${known(at)})
    OR EXISTS (SELECT 1 FROM resolution_facts f WHERE f.key2 = ${key} AND f.shop = ${shop} AND ${known(at)}))`;
const anyShopOn = (key: string, at: string) =>
  `(EXISTS (SELECT 1 FROM resolution_facts f WHERE f.key1 = ${key} AND f.shop IS NOT NULL AND ${known(at)})
    OR EXISTS (SELECT 1 FROM resolution_facts f WHERE f.key2 = ${key} AND f.shop IS NOT NULL AND ${known(at)}))`;
const countOn = (key: string, at: string) =>
  `(SELECT COUNT(DISTINCT s.shop) FROM (
      SELECT f.shop FROM resolution_facts f WHERE f.key1 = ${key} AND f.shop IS NOT NULL AND ${known(at)}
      UNION ALL SELECT f.shop FROM resolution_facts f WHERE f.key2 = ${key} AND f.shop IS NOT NULL AND ${known(at)}) s)`;

/**
 * Every key's count at the position given as an SQL expression: the whole table, as the migration
 * that made the table filled it; with `keys`, a condition on `key`, those keys' counts (a slice of a
 * build, each side read through its key's index).
 */
export const everyKeyShopsAt = (at: string, keys: (key: string) => string = (key) => `${key} IS NOT NULL`) =>
  `SELECT k.key, COUNT(DISTINCT k.shop) AS shops FROM (
     SELECT f.key1 AS key, f.shop FROM resolution_facts f WHERE ${keys('f.key1')} AND f.shop IS NOT NULL AND ${known(at)}
     UNION ALL SELECT f.key2 AS key, f.shop FROM resolution_facts f WHERE ${keys('f.key2')} AND f.shop IS NOT NULL AND ${known(at)}) k
   GROUP BY k.key`;

/** The counts of the keys numbered in ($2, $3], at the position $1. */
const KEY_SHOPS_BETWEEN = everyKeyShopsAt('$1', (key) => `${key} > $2 AND ${key} <= $3`);

/**
 * Per key stated or unstated by a shop between the positions ($1, $2]: its count at $2, from its
 * count at $1 and what the shops whose facts on it changed state at each point. The count kept for
 * a key is its count at $1 only when a shop states the key there (a key whose facts were all erased
 * lost its name, which a later key may take again), else it is 0.
 */
const MOVED_COUNTS = `
  WITH changed AS (
    SELECT f.key1 AS key, f.shop FROM resolution_facts f
     WHERE f.key1 IS NOT NULL AND f.shop IS NOT NULL AND ((f.added_at > $1 AND f.added_at <= $2) OR (f.removed_at > $1 AND f.removed_at <= $2))
    UNION SELECT f.key2 AS key, f.shop FROM resolution_facts f
     WHERE f.key2 IS NOT NULL AND f.shop IS NOT NULL AND ((f.added_at > $1 AND f.added_at <= $2) OR (f.removed_at > $1 AND f.removed_at <= $2))
  ),
  moved AS (
    SELECT c.key, SUM((CASE WHEN ${statedBy('c.key', 'c.shop', '$2')} THEN 1 ELSE 0 END) - (CASE WHEN ${statedBy('c.key', 'c.shop', '$1')} THEN 1 ELSE 0 END)) AS delta
      FROM changed c GROUP BY c.key
  )
  SELECT m.key, m.delta + CASE WHEN ${anyShopOn('m.key', '$1')} THEN COALESCE((SELECT k.shops FROM operator_view_key_shops k WHERE k.key = m.key), 0) ELSE 0 END AS shops
    FROM moved m`;

/** The keys the erasures between the positions left stated by other facts, counted afresh at $2: the facts they deleted leave no trace to count from. */
const ERASED_COUNTS = `
  SELECT e.key, ${countOn('e.key', '$2')} AS shops
    FROM (SELECT DISTINCT key FROM resolution_erasures WHERE position > $1 AND position <= $2 AND key IS NOT NULL) e`;

/**
 * Facts a slice of the count reads at most on either side, beside those of its last key (a slice
 * holds whole keys). Names are numbered as they are first stated, so the commonest come first: at
 * 200,000 shops the first 10,000 numbers held 310,000 facts, counted in one statement of 0.8 s at
 * the end of a build (and, five times as many at a million shops, the longest wait of a rebuild).
 */
const FACTS_PER_COUNT_SLICE = 20_000;

/** The key number of the fact `facts` places after the key numbered $1 on one side (its key index), if there is one. */
const keyFactsOn = (column: 'key1' | 'key2') => `SELECT ${column} AS key FROM resolution_facts WHERE ${column} > $1 ORDER BY ${column} LIMIT 1 OFFSET $2`;

export const keyShopsTable = {
  /**
   * The next keys after the one numbered `after` (up to `count` numbers on, and about `facts` facts
   * on each side, see FACTS_PER_COUNT_SLICE) counted at the position, into a table that holds none of
   * them yet (a build empties it first): a slice of a build. Returns the last number counted, or
   * null once every key is counted.
   */
  async countAfter(tx: Sql, position: number, after: number, count: number, facts = FACTS_PER_COUNT_SLICE): Promise<number | null> {
    const [row] = await tx.rows<{ last: number | string | null }>('SELECT MAX(id) AS last FROM resolution_names');
    const last = Number(row.last ?? 0);
    let to = Math.min(after + count, last);
    for (const column of ['key1', 'key2'] as const) {
      const [bound] = await tx.rows<{ key: number | string }>(keyFactsOn(column), [after, facts]);
      if (bound !== undefined) to = Math.min(to, Number(bound.key));
    }
    if (to > after) await tx.run(`INSERT INTO operator_view_key_shops (key, shops) ${KEY_SHOPS_BETWEEN}`, [position, after, to]);
    return to < last ? to : null;
  },

  /** Moves the counts from one position to a later one; run before the view forgets the erasures in between. */
  async move(tx: Sql, from: number, to: number): Promise<void> {
    if (to <= from) return;
    const counts = new Map<number, number>();
    for (const statement of [MOVED_COUNTS, ERASED_COUNTS])
      for (const row of await tx.rows<{ key: number | string; shops: number | string }>(statement, [from, to])) counts.set(Number(row.key), Number(row.shops));
    const gone = [...counts].flatMap(([key, shops]) => (shops > 0 ? [] : [key]));
    for (let start = 0; start < gone.length; start += 400) {
      const chunk = gone.slice(start, start + 400);
      await tx.run(`DELETE FROM operator_view_key_shops WHERE key IN (${chunk.map((_, n) => `$${n + 1}`).join(', ')})`, chunk);
    }
    await insertRows(
      tx,
      'operator_view_key_shops',
      ['key', 'shops'],
      [...counts].filter(([, shops]) => shops > 0),
      'ON CONFLICT (key) DO UPDATE SET shops = excluded.shops',
    );
  },

  /**
   * The counts of the keys (by name) and the view's position they hold at, each statement reading
   * that position with its counts (a chunk of 400 keys at a time on SQLite); null while no view is
   * built, or when the view moved on between two statements. A key with no row is stated by no shop.
   * At least one key.
   */
  async read(sql: Sql, keys: readonly string[]): Promise<{ position: number; counts: Map<string, number> } | null> {
    const counts = new Map<string, number>(keys.map((key) => [key, 0]));
    let position: number | null = null;
    const chunks = sql.dialect === 'postgres' ? [keys] : Array.from({ length: Math.ceil(keys.length / 400) }, (_, n) => keys.slice(n * 400, n * 400 + 400));
    for (const chunk of chunks) {
      const named = namesAmong(sql.dialect, 'n', chunk);
      const rows = await sql.rows<{ position: number | string; name: string | null; shops: number | string | null }>(
        `SELECT st.position, n.name, k.shops
           FROM operator_view_state st
           LEFT JOIN resolution_names n ON ${named.condition}
           LEFT JOIN operator_view_key_shops k ON k.key = n.id
          WHERE st.id = 1`,
        named.params,
      );
      if (rows.length === 0 || (position !== null && Number(rows[0].position) !== position)) return null;
      position = Number(rows[0].position);
      for (const row of rows) if (row.name !== null && row.shops !== null) counts.set(row.name, Number(row.shops));
    }
    return position === null ? null : { position, counts };
  },
};

/**
 * Counts as a read of the view takes them: the kept ones when the view stands at the position asked,
 * else (the view moved on since the answer was read) those `otherwise` takes at the position.
 */
export const keptShopCounts =
  (sql: Sql, otherwise: ShopCounter): ShopCounter =>
  async (keys, position) => {
    if (keys.length === 0) return new Map();
    const kept = await keyShopsTable.read(sql, keys);
    if (kept === null || kept.position !== position) return otherwise(keys, position);
    return new Map([...kept.counts].map(([key, shops]) => [key, Math.min(shops, COUNT_CAP + 1)]));
  };
