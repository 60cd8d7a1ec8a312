import { Sql, insertRows } from '@registry/event-store';

/**
 * What a batch does to one shop's row: its events folded in order. `registeredAt` is set when the
 * shop was registered in the batch (a row to insert); otherwise the row exists and `claims` is
 * what the batch adds to its count, and a null name, category or status leaves the row's own.
 */
export interface ShopRowChange {
  readonly platformId: string;
  readonly shopId: string;
  registeredAt: string | null;
  claims: number;
  version: number;
  updatedAt: string;
  displayName: string | null;
  category: string | null;
  status: string | null;
}

/**
 * Shops registered in a batch, with what the batch did to them since. One listed already (never,
 * but for a replay of its registration) takes the batch's name, category and status, its claims added.
 */
export function insertShops(tx: Sql, shops: readonly ShopRowChange[]): Promise<number> {
  return insertRows(
    tx,
    'shop_directory',
    ['platform_id', 'shop_id', 'display_name', 'category', 'status', 'claims', 'version', 'registered_at', 'updated_at'],
    shops.map((s) => [s.platformId, s.shopId, s.displayName, s.category, s.status, s.claims, s.version, s.registeredAt, s.updatedAt]),
    `ON CONFLICT (platform_id, shop_id) DO UPDATE SET claims = shop_directory.claims + excluded.claims,
       version = excluded.version, updated_at = excluded.updated_at, display_name = excluded.display_name,
       category = excluded.category, status = excluded.status`,
  );
}

const SET_CHANGES = `claims = d.claims + c.claims, version = c.version, updated_at = c.updated_at,
  display_name = COALESCE(c.display_name, d.display_name), category = COALESCE(c.category, d.category), status = COALESCE(c.status, d.status)`;

/** PostgreSQL: the changes as one array per column, so the statement's text (and plan) is the same for every batch. */
const UPDATE_POSTGRES = `UPDATE shop_directory AS d SET ${SET_CHANGES}
  FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
    AS c(platform_id, shop_id, claims, version, updated_at, display_name, category, status)
  WHERE d.platform_id = c.platform_id AND d.shop_id = c.shop_id`;

/** SQLite: the changes as one JSON array of rows, read with json_each, for the same reason. */
const UPDATE_SQLITE = `UPDATE shop_directory AS d SET ${SET_CHANGES}
  FROM (SELECT value ->> 0 AS platform_id, value ->> 1 AS shop_id, value ->> 2 AS claims, value ->> 3 AS version,
               value ->> 4 AS updated_at, value ->> 5 AS display_name, value ->> 6 AS category, value ->> 7 AS status
        FROM json_each($1)) AS c
  WHERE d.platform_id = c.platform_id AND d.shop_id = c.shop_id`;

/** Shops listed already, each changed by what the batch did to it, in one statement. */
export async function updateShops(tx: Sql, shops: readonly ShopRowChange[]): Promise<number> {
  if (shops.length === 0) return 0;
  if (tx.dialect === 'postgres') {
    return tx.run(UPDATE_POSTGRES, [
      shops.map((s) => s.platformId),
      shops.map((s) => s.shopId),
      shops.map((s) => s.claims),
      shops.map((s) => s.version),
      shops.map((s) => s.updatedAt),
      shops.map((s) => s.displayName),
      shops.map((s) => s.category),
      shops.map((s) => s.status),
    ]);
  }
  return tx.run(UPDATE_SQLITE, [
    JSON.stringify(shops.map((s) => [s.platformId, s.shopId, s.claims, s.version, s.updatedAt, s.displayName, s.category, s.status])),
  ]);
}
