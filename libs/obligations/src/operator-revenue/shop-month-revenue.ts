import { Sql, rowsAmong } from '@registry/event-store';
import { AnnualRevenueAttributed, Dong, parseDong, yearOf } from '../domain';

export interface ShopMonthRevenue {
  readonly shop: string;
  readonly month: string;
  readonly year: number;
  readonly attributionKey: string;
  readonly revenue: Dong;
}

/**
 * Each shop-month's net revenue as the yearly-revenue events left it. A shop-month moving to
 * another seller gives two events (left one, joined the other) in either order: the row is the
 * last figure set, and a "left" removes it only when it names the seller the row holds.
 */
export class ShopMonthRevenues {
  private readonly loaded = new Map<string, ShopMonthRevenue>();
  private readonly loadedShops = new Set<string>();
  private readonly changed = new Map<string, ShopMonthRevenue | null>();

  constructor(private readonly sql: Sql) {}

  /** Reads the stored shop-months of these shops, once per shop. */
  async include(shops: Iterable<string>): Promise<void> {
    const missing = [...new Set(shops)].filter((shop) => !this.loadedShops.has(shop));
    for (const shop of missing) this.loadedShops.add(shop);
    const found = await rowsAmong<{ shop: string; month: string; year: number | string; attribution_key: string; revenue: string }>(
      this.sql,
      missing,
      (among) => `SELECT shop, month, year, attribution_key, revenue FROM tax_shop_month_revenue WHERE shop ${among}`,
    );
    for (const row of found) {
      this.loaded.set(keyOf(row.shop, row.month), {
        shop: row.shop,
        month: row.month,
        year: Number(row.year),
        attributionKey: row.attribution_key,
        revenue: BigInt(row.revenue),
      });
    }
  }

  apply(event: AnnualRevenueAttributed): void {
    const { attributionKey } = event.data;
    const { platformId, shopId, month, revenue } = event.data.change;
    const shop = `${platformId}:${shopId}`;
    const key = keyOf(shop, month);
    if (revenue !== null) {
      this.changed.set(key, { shop, month, year: yearOf(month), attributionKey, revenue: parseDong(revenue) ?? 0n });
    } else if (this.current(key)?.attributionKey === attributionKey) {
      this.changed.set(key, null);
    }
  }

  /** Every shop-month of these (included) shops, changes included. */
  of(shops: ReadonlySet<string>): ShopMonthRevenue[] {
    const all = new Map(this.loaded);
    for (const [key, row] of this.changed) {
      if (row) all.set(key, row);
      else all.delete(key);
    }
    return [...all.values()].filter((row) => shops.has(row.shop));
  }

  async save(tx: Sql): Promise<void> {
    for (const [key, row] of this.changed) {
      const [shop, month] = key.split('\u0000');
      if (row === null) {
        await tx.run('DELETE FROM tax_shop_month_revenue WHERE shop = $1 AND month = $2', [shop, month]);
        continue;
      }
      await tx.run(
        `INSERT INTO tax_shop_month_revenue (shop, month, year, attribution_key, revenue) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (shop, month) DO UPDATE SET year = excluded.year, attribution_key = excluded.attribution_key, revenue = excluded.revenue`,
        [row.shop, row.month, row.year, row.attributionKey, row.revenue.toString()],
      );
    }
  }

  private current(key: string): ShopMonthRevenue | null | undefined {
    return this.changed.has(key) ? this.changed.get(key) : this.loaded.get(key);
  }
}

const keyOf = (shop: string, month: string) => `${shop}\u0000${month}`;
