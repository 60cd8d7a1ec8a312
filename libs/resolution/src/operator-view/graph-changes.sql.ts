import { Sql } from '@registry/event-store';
import { ShopKey } from '../domain';
import { kindCode, nameIdOf, rowsAmongNames } from '../identity-graph/fact-table';

/**
 * The operator view's questions to the identity-graph table, in one file so that a change of that
 * table's schema changes them in one place. Positions are event positions, dates calendar dates.
 * Identifier keys are numbers into `resolution_names` (see fact-table.ts): asked by name, answered by name.
 */

/**
 * The shops and keys of the facts that meet any of the conditions (on `f.` columns). On PostgreSQL
 * the facts first, then their names (as `readFactRows` does): joined to every fact added in a batch,
 * the planner hashed the whole names table twice in parallel workers (54 ms a batch of 2,000 events).
 */
function keysOf(sql: Sql, ...conditions: readonly string[]): string {
  if (sql.dialect === 'sqlite')
    return conditions
      .map(
        (where) => `SELECT f.shop, f.shop_b, n1.name AS key1, n2.name AS key2 FROM resolution_facts f
           LEFT JOIN resolution_names n1 ON n1.id = f.key1 LEFT JOIN resolution_names n2 ON n2.id = f.key2 WHERE ${where}`,
      )
      .join(' UNION ALL ');
  return `WITH f AS MATERIALIZED (${conditions.map((where) => `SELECT f.shop, f.shop_b, f.key1, f.key2 FROM resolution_facts f WHERE ${where}`).join(' UNION ALL ')}),
    n AS MATERIALIZED (SELECT id, name FROM resolution_names WHERE id = ANY(ARRAY(SELECT key1 FROM f UNION SELECT key2 FROM f)))
    SELECT f.shop, f.shop_b, n1.name AS key1, n2.name AS key2 FROM f LEFT JOIN n n1 ON n1.id = f.key1 LEFT JOIN n n2 ON n2.id = f.key2`;
}
export interface ChangedFact {
  readonly shop: ShopKey | null;
  readonly shop_b: ShopKey | null;
  readonly key1: string | null;
  readonly key2: string | null;
}

/**
 * Facts that stand at one point and not the other: added or removed between the positions, and,
 * when the date moved, facts known at `to` whose valid period starts or ends between the dates
 * (a claim's period, an attestation's: resolution attributes claims by them).
 */
export async function factsChangedBetween(sql: Sql, from: { position: number; date: string }, to: { position: number; date: string }): Promise<ChangedFact[]> {
  const rows = await sql.rows<ChangedFact>(keysOf(sql, 'f.added_at > $1 AND f.added_at <= $2', 'f.removed_at > $1 AND f.removed_at <= $2'), [
    from.position,
    to.position,
  ]);
  if (from.date === to.date) return rows;
  const [early, late] = from.date < to.date ? [from.date, to.date] : [to.date, from.date];
  const dated = await sql.rows<ChangedFact>(
    keysOf(
      sql,
      `f.added_at <= $1 AND (f.removed_at IS NULL OR f.removed_at > $1)
        AND ((f.valid_from > $2 AND f.valid_from <= $3) OR (f.valid_to >= $2 AND f.valid_to < $3))`,
    ),
    [to.position, early, late],
  );
  return [...rows, ...dated];
}

/**
 * What the erasures between the positions took out of the graph (see the 1764400100000 migration):
 * the shops their facts named, and the identifiers those facts stated that other facts still state.
 */
export async function erasedBetween(sql: Sql, from: number, to: number): Promise<{ shops: ShopKey[]; keys: string[]; attestedKeys: string[]; rows: number }> {
  const rows = await sql.rows<{ shop: string | null; key: string | null; attested: number | string | null }>(
    `SELECT e.shop, n.name AS key, e.attested FROM resolution_erasures e LEFT JOIN resolution_names n ON n.id = e.key WHERE e.position > $1 AND e.position <= $2`,
    [from, to],
  );
  const keys = rows.filter((row) => row.key !== null);
  return {
    shops: rows.flatMap((row) => (row.shop === null ? [] : [row.shop])),
    keys: keys.map((row) => row.key!),
    // Rows recorded before erasures told attestations apart (NULL) count as attested.
    attestedKeys: keys.filter((row) => row.attested === null || Number(row.attested) === 1).map((row) => row.key!),
    rows: rows.length,
  };
}

/**
 * Whether an erasure was recorded past the position, up to the graph's head: what was read from the
 * graph before it may hold rows it deleted, wherever the view moves next.
 */
export async function erasedAfter(sql: Sql, position: number): Promise<boolean> {
  return (await sql.rows('SELECT 1 FROM resolution_erasures WHERE position > $1 LIMIT 1', [position])).length > 0;
}

/**
 * Forgets the erasures up to the position: the view has moved past them. The rows up to the view's
 * point were forgotten when it moved there (the graph records them ahead of it), so a move that
 * found none between the two points has none to forget.
 */
export async function forgetErasures(tx: Sql, upTo: number): Promise<void> {
  await tx.run('DELETE FROM resolution_erasures WHERE position <= $1', [upTo]);
}

/** Every shop that states one of the keys (or is named by a fact on it), at any position up to `position`. */
export async function shopsEverOn(sql: Sql, keys: readonly string[], position: number): Promise<ShopKey[]> {
  const rows = await rowsAmongNames<{ shop: string }>(
    sql,
    keys,
    (among, next) => `SELECT DISTINCT shop FROM resolution_facts
        WHERE key1 ${among} AND shop IS NOT NULL AND added_at <= $${next}`,
    [position],
  );
  return rows.map((row) => row.shop);
}

/**
 * The holders attested, at any position up to `position`, to hold one of the keys (an account, a
 * wallet, a phone): a person's shops are those stating its ID and those stating what it is attested
 * to hold, so a change on such a key changes the holders' shops too.
 */
export async function holdersAttestedTo(sql: Sql, keys: readonly string[], position: number): Promise<string[]> {
  const rows = await rowsAmongNames<{ key: string }>(
    sql,
    keys,
    (among, next) => `SELECT DISTINCT n.name AS key FROM resolution_facts f JOIN resolution_names n ON n.id = f.key2
        WHERE f.key1 ${among} AND f.shop IS NULL
          AND f.kind = ${kindCode('holderAttestation')} AND f.added_at <= $${next}`,
    [position],
  );
  return rows.map((row) => row.key);
}

/**
 * One shop on each key at the point, if any, as a walk lists a key's shops: stating it (a person's
 * key: or an account, a wallet or a phone attested to the person) with a claim valid on the date.
 */
export async function aShopOnEach(sql: Sql, keys: readonly string[], point: { position: number; date: string }): Promise<ShopKey[]> {
  // The key's number: `keyId`, a subquery.
  const attested = (keyId: string) => `SELECT a.key1 FROM resolution_facts a WHERE a.key2 = ${keyId} AND a.shop IS NULL
                 AND a.kind = ${kindCode('holderAttestation')} AND a.added_at <= $1 AND (a.removed_at IS NULL OR a.removed_at > $1)`;
  // On PostgreSQL the key's numbers as one array: written with OR, the planner walked every shop in
  // shop order for the first on the key (30 ms for a key stated late in that order, 0.2 ms so).
  const firstShop = (onKey: string) => `SELECT f.shop FROM resolution_facts f
        WHERE ${onKey}
          AND f.shop IS NOT NULL AND f.added_at <= $1 AND (f.removed_at IS NULL OR f.removed_at > $1)
          AND (f.valid_from IS NULL OR f.valid_from <= $2) AND (f.valid_to IS NULL OR f.valid_to >= $2)
        ORDER BY f.shop LIMIT 1`;
  const shops = new Set<ShopKey>();
  if (sql.dialect === 'postgres') {
    // One statement for all the keys: each a round trip otherwise.
    if (keys.length === 0) return [];
    const keyId = '(SELECT n.id FROM resolution_names n WHERE n.name = u.key)';
    const onKey = `f.key1 = ANY(ARRAY(SELECT id FROM resolution_names WHERE name = u.key UNION ALL ${attested(keyId)}))`;
    const rows = await sql.rows<{ shop: string }>(`SELECT l.shop FROM unnest($3::text[]) AS u(key) CROSS JOIN LATERAL (${firstShop(onKey)}) l`, [
      point.position,
      point.date,
      keys,
    ]);
    for (const row of rows) shops.add(row.shop);
    return [...shops];
  }
  for (const key of keys) {
    const { id, params } = nameIdOf(sql.dialect, key, 3);
    const [row] = await sql.rows<{ shop: string }>(firstShop(`(f.key1 = ${id} OR f.key1 IN (${attested(id)}))`), [point.position, point.date, ...params]);
    if (row) shops.add(row.shop);
  }
  return [...shops];
}
