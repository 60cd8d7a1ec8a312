import { Sql } from '@registry/event-store';
import { ShopKey } from '../domain';
import { ViewPoint } from './operator-view.store';

/**
 * A build of the view under way: the point it resolves the graph at, the last shop it went through
 * (null before the first), and, once every shop is resolved, the last key whose shops it counted
 * (0 before the first; null while it resolves shops).
 */
export interface ViewBuild {
  readonly point: ViewPoint;
  readonly afterShop: ShopKey | null;
  readonly countedTo: number | null;
}

/** The row of `operator_view_build` (see OperatorViewBuild1764400320000): at most one build is under way. */
export const viewBuildTable = {
  async read(sql: Sql): Promise<ViewBuild | null> {
    const [row] = await sql.rows<{ position: number | string; date: string; after_shop: string | null; counted_to: number | string | null }>(
      'SELECT position, date, after_shop, counted_to FROM operator_view_build WHERE id = 1',
    );
    if (!row) return null;
    return {
      point: { position: Number(row.position), date: row.date },
      afterShop: row.after_shop,
      countedTo: row.counted_to === null ? null : Number(row.counted_to),
    };
  },

  async write(tx: Sql, build: ViewBuild): Promise<void> {
    await tx.run(
      `INSERT INTO operator_view_build (id, position, date, after_shop, counted_to) VALUES (1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, date = excluded.date, after_shop = excluded.after_shop, counted_to = excluded.counted_to`,
      [build.point.position, build.point.date, build.afterShop, build.countedTo],
    );
  },

  async clear(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM operator_view_build');
  },
};

/**
 * The next shops, in the database's order of shop keys, that the graph knows at the position, after
 * a shop (from the first with null): a slice of a build. Each side of a link is read through its own
 * index, in order, so a slice reads about as many rows as it takes whatever the size of the graph; the
 * database orders and compares alike, whatever its collation.
 */
export async function shopsKnownAfter(sql: Sql, position: number, after: ShopKey | null, limit: number): Promise<ShopKey[]> {
  const side = (column: string) =>
    `SELECT shop FROM (SELECT DISTINCT ${column} AS shop FROM resolution_facts WHERE ${column} > $1 AND added_at <= $2 ORDER BY ${column} LIMIT $3) ${column}_side`;
  const rows = await sql.rows<{ shop: string }>(`${side('shop')} UNION ${side('shop_b')} ORDER BY shop LIMIT $3`, [after ?? '', position, limit]);
  return rows.map((row) => row.shop);
}
