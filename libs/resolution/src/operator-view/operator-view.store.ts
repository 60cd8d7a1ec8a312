import { Sql, SqlDialect, insertRows, nextTurn, paddedToPowerOfTwo, placeholderList, preparedOnPostgres, rowsAmong } from '@registry/event-store';
import { rowsAmongNames } from '../identity-graph/fact-table';
import { ShopKey } from '../domain';
import { UncountedOperator, countedKeysOf } from '../reading/lead-counts';
import { ShownSource } from '../reading/reveal';
import { packAnswer, unpackAnswer } from './answer.codec';

/** Operators described, or packed and written, between two turns of the event loop (see OperatorViewBuilder). */
export const OPERATORS_PER_TURN = 50;

/** Where the view stands: the identity-graph position and the date it was resolved at. */
export interface ViewPoint {
  readonly position: number;
  readonly date: string;
}

/** An operator as the view keeps it: the answer before counts, statuses and clear values, and the events that show its values. */
export interface ViewedOperator {
  readonly operatorId: string;
  readonly answer: UncountedOperator;
  readonly sources: readonly ShownSource[];
  readonly truncated: boolean;
  /**
   * Read from the view: how many shops state each key the answer counts (`countedKeysOf`), from the
   * view's counts at the point read with it; absent for a row written before the view kept the keys'
   * numbers with it (see the 1764400300000 migration).
   */
  readonly keptCounts?: ReadonlyMap<string, number>;
}

/**
 * How `source_positions` holds the sources: a position alone for an event that can show any value
 * (rows kept before the sources said what they show hold only those), `[position, shows]` else.
 */
type StoredSource = number | [number, string];

const storedSource = ({ position, shows }: ShownSource): StoredSource => (shows === null ? position : [position, shows]);
const sourceOf = (stored: StoredSource): ShownSource =>
  typeof stored === 'number' ? { position: stored, shows: null } : { position: stored[0], shows: stored[1] };

/** The view's tables of rows, each with its key. */
const VIEW_ROWS = [
  ['operator_view_shops', 'shop'],
  ['operator_view_operators', 'operator_id'],
  ['operator_view_key_shops', 'key'],
] as const;

export const operatorViewTables = {
  async point(sql: Sql): Promise<ViewPoint | null> {
    const [row] = await sql.rows<{ position: number | string; date: string }>('SELECT position, date FROM operator_view_state WHERE id = 1');
    return row ? { position: Number(row.position), date: row.date } : null;
  },

  async movePoint(tx: Sql, point: ViewPoint): Promise<void> {
    await tx.run(
      'INSERT INTO operator_view_state (id, position, date) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET position = excluded.position, date = excluded.date',
      [point.position, point.date],
    );
  },

  /** Empties the view in one go (see `emptySome` for a build's way). */
  async clear(tx: Sql): Promise<void> {
    await operatorViewTables.forget(tx);
    for (const [table] of VIEW_ROWS) await tx.run(`DELETE FROM ${table}`);
  },

  /** Takes the view's point and any build under way: reads walk until a build gives it a point again. */
  async forget(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM operator_view_state');
    await tx.run('DELETE FROM operator_view_build');
  },

  /**
   * Deletes up to `rows` rows of each of the view's tables: what a build empties first, a slice at
   * a time (at a million shops the view took 6 s to delete in one transaction, `secure_delete`
   * zeroing it, and nothing else was answered meanwhile). Whether rows may be left.
   */
  async emptySome(tx: Sql, rows: number): Promise<boolean> {
    let left = false;
    for (const [table, key] of VIEW_ROWS) {
      if ((await tx.run(`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} LIMIT $1)`, [rows])) >= rows) left = true;
    }
    return left;
  },

  /** The operator id of each shop the view holds. */
  async operatorIdsOf(sql: Sql, shops: readonly ShopKey[]): Promise<Map<ShopKey, string>> {
    const rows = await rowsAmong<{ shop: string; operator_id: string }>(
      sql,
      shops,
      (among) => `SELECT shop, operator_id FROM operator_view_shops WHERE shop ${among}`,
    );
    return new Map(rows.map((row) => [row.shop, row.operator_id]));
  },

  /** Every shop of the operators the view gives these shops, with its operator id: in one statement on PostgreSQL. */
  async membersOfOperatorsOf(sql: Sql, shops: readonly ShopKey[]): Promise<{ shop: ShopKey; operator_id: string }[]> {
    return rowsAmong<{ shop: string; operator_id: string }>(
      sql,
      shops,
      (among) => `SELECT shop, operator_id FROM operator_view_shops WHERE operator_id IN (SELECT operator_id FROM operator_view_shops WHERE shop ${among})`,
    );
  },

  async remove(tx: Sql, shops: readonly ShopKey[], operatorIds: readonly string[]): Promise<void> {
    await runAmong(tx, shops, (among) => `DELETE FROM operator_view_shops WHERE shop ${among}`);
    await runAmong(tx, operatorIds, (among) => `DELETE FROM operator_view_operators WHERE operator_id ${among}`);
  },

  async write(tx: Sql, operators: readonly ViewedOperator[]): Promise<void> {
    // Packed and written OPERATORS_PER_TURN at a time, with a turn of the event loop before each
    // (500 operators took 0.15–0.27 s in one go on the embedded store).
    for (let start = 0; start < operators.length; start += OPERATORS_PER_TURN) {
      await nextTurn();
      const chunk = operators.slice(start, start + OPERATORS_PER_TURN);
      const counted = chunk.map((o) => countedKeysOf(o.answer));
      const ids = await nameIds(tx, [...new Set(counted.flat())]);
      await insertRows(
        tx,
        'operator_view_operators',
        ['operator_id', 'answer', 'source_positions', 'truncated', 'counted_keys'],
        chunk.map((o, n) => [
          o.operatorId,
          packAnswer(o.answer),
          JSON.stringify(o.sources.map(storedSource)),
          o.truncated ? 1 : 0,
          // A key with no number (none can be: the operator's shops state it) leaves the row to the counts by name.
          counted[n].every((key) => ids.has(key)) ? JSON.stringify(counted[n].map((key) => ids.get(key))) : null,
        ]),
      );
      await insertRows(
        tx,
        'operator_view_shops',
        ['shop', 'operator_id'],
        chunk.flatMap((o) => o.answer.shops.map(({ shop }) => [shop, o.operatorId])),
      );
    }
  },

  /** The operator of a shop and the view's point, read in one statement so that both come from one commit. */
  async operatorOf(sql: Sql, shop: ShopKey): Promise<{ point: ViewPoint; operator: ViewedOperator | null } | null> {
    const [row] = await sql.rows<{
      position: number | string;
      date: string;
      operator_id: string | null;
      answer: Buffer | null;
      source_positions: string | null;
      truncated: number | string | null;
      counts: string | null;
    }>(OPERATOR_OF_SHOP[sql.dialect], [shop]);
    if (!row) return null;
    const point = { position: Number(row.position), date: row.date };
    if (row.operator_id === null || row.answer === null) return { point, operator: null };
    return { point, operator: viewedOperatorOf(row as OperatorRow) };
  },

  /**
   * The operators of some shops (each read once), each statement reading the view's point with them;
   * null when no view is built, or when the view moved on between two statements.
   */
  async operatorsOf(sql: Sql, shops: readonly ShopKey[]): Promise<{ point: ViewPoint; operators: Map<ShopKey, ViewedOperator> } | null> {
    const operators = new Map<ShopKey, ViewedOperator>();
    if (shops.length === 0) {
      const at = await this.point(sql);
      return at && { point: at, operators };
    }
    let point: ViewPoint | null = null;
    const parsed = new Map<string, ViewedOperator>();
    for (let start = 0; start < shops.length; start += 400) {
      const chunk = shops.slice(start, start + 400);
      const rows = await sql.rows<{ position: number | string; date: string; shop: string | null } & Partial<OperatorRow>>(
        // Without the counts: the person search that reads operators so shows none.
        `SELECT st.position, st.date, s.shop, o.operator_id, o.answer, o.source_positions, o.truncated, NULL AS counts
           FROM operator_view_state st
           LEFT JOIN operator_view_shops s ON s.shop IN (${placeholderList(chunk.length)})
           LEFT JOIN operator_view_operators o ON o.operator_id = s.operator_id
          WHERE st.id = 1`,
        chunk,
      );
      if (rows.length === 0) return null;
      const at = { position: Number(rows[0].position), date: rows[0].date };
      if (point !== null && (point.position !== at.position || point.date !== at.date)) return null;
      point = at;
      for (const row of rows) {
        if (row.shop === null || !row.operator_id || !row.answer) continue;
        const operator = parsed.get(row.operator_id) ?? viewedOperatorOf(row as OperatorRow);
        parsed.set(operator.operatorId, operator);
        operators.set(row.shop, operator);
      }
    }
    return { point: point!, operators };
  },
};

interface OperatorRow {
  operator_id: string;
  answer: Buffer;
  source_positions: string | null;
  truncated: number | string | null;
  counts: string | null;
}

/**
 * The view's count of each key an operator's answer counts, read with its row (`counts`): for each
 * number in `counted_keys`, its place in that list and its count in `operator_view_key_shops` (0
 * where it has none: no shop states it). NULL for a row that does not hold the numbers. Read so, a
 * read of an operator finds its counts in the statement that reads its row, by number, instead of a
 * statement of its own that looks each key up by its name's hash, then its name, then its count.
 */
const keptCountsOf = (dialect: SqlDialect) =>
  dialect === 'postgres'
    ? `CASE WHEN o.counted_keys IS NULL THEN NULL ELSE (SELECT COALESCE(json_agg(json_build_array(j.n - 1, COALESCE(k.shops, 0))), '[]')::text
         FROM json_array_elements_text(o.counted_keys::json) WITH ORDINALITY AS j(id, n)
         LEFT JOIN operator_view_key_shops k ON k.key = j.id::bigint) END AS counts`
    : `CASE WHEN o.counted_keys IS NULL THEN NULL ELSE (SELECT json_group_array(json_array(j.key, COALESCE(k.shops, 0)))
         FROM json_each(o.counted_keys) j
         LEFT JOIN operator_view_key_shops k ON k.key = j.value) END AS counts`;

const operatorOfShopIn = (dialect: SqlDialect) =>
  `SELECT st.position, st.date, o.operator_id, o.answer, o.source_positions, o.truncated, ${keptCountsOf(dialect)}
     FROM operator_view_state st
     LEFT JOIN operator_view_shops s ON s.shop = $1
     LEFT JOIN operator_view_operators o ON o.operator_id = s.operator_id
    WHERE st.id = 1`;
/** The operator of a shop ($1) with the view's point, in one statement: prepared once per connection on PostgreSQL. */
const OPERATOR_OF_SHOP: Record<SqlDialect, string> = { postgres: preparedOnPostgres(operatorOfShopIn('postgres')), sqlite: operatorOfShopIn('sqlite') };

function viewedOperatorOf(row: OperatorRow): ViewedOperator {
  const answer = unpackAnswer(row.answer) as UncountedOperator;
  const viewed = {
    operatorId: row.operator_id,
    answer,
    sources: (JSON.parse(row.source_positions ?? '[]') as StoredSource[]).map(sourceOf),
    truncated: Number(row.truncated) === 1,
  };
  if (row.counts === null) return viewed;
  const keys = countedKeysOf(answer);
  const keptCounts = new Map<string, number>();
  for (const [at, shops] of JSON.parse(row.counts) as [number, number][]) keptCounts.set(keys[at], shops);
  // The numbers were written for this answer's keys: one missing, and the row is read as one without them.
  return keptCounts.size === keys.length ? { ...viewed, keptCounts } : viewed;
}

/** The number of each name (none for a name not stored). */
async function nameIds(sql: Sql, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await rowsAmongNames<{ id: number | string; name: string }>(sql, names, (among) => `SELECT id, name FROM resolution_names WHERE id ${among}`);
  return new Map(rows.map((row) => [row.name, Number(row.id)]));
}

/** `rowsAmong` for a statement that returns no rows: one statement on PostgreSQL, a chunk of 512 values at a time on SQLite (padded, see `paddedToPowerOfTwo`). */
async function runAmong(tx: Sql, values: readonly unknown[], statement: (among: string) => string): Promise<void> {
  if (values.length === 0) return;
  if (tx.dialect === 'postgres') {
    await tx.run(statement('= ANY($1)'), [[...values]]);
    return;
  }
  for (let start = 0; start < values.length; start += 512) {
    const chunk = paddedToPowerOfTwo(values.slice(start, start + 512));
    await tx.run(statement(`IN (${placeholderList(chunk.length)})`), chunk);
  }
}
