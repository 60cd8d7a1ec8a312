import { Sql, paddedToPowerOfTwo, placeholderList } from '@registry/event-store';
import { FactRow, factIdOf, readFactRows } from '../identity-graph/fact-table';
import { ShopKey } from '../domain';

/** Shops a statement asks about on SQLite: well under its parameter ceiling. */
const SHOPS_PER_STATEMENT = 512;
/** Rows kept for the next refresh at most: beyond, it reads again what it needs (memory, not answers). */
const ROWS_KEPT_AT_MOST = 250_000;

/** The rows of the identity-graph table that name any of the shops (removed ones too), added by `position`. */
export async function rowsNamingShops(sql: Sql, shops: readonly ShopKey[], position: number): Promise<FactRow[]> {
  if (shops.length === 0) return [];
  if (sql.dialect === 'postgres') {
    // One text for any number of shops (an array): prepared once per connection.
    return readFactRows(sql, '(f.shop = ANY($2) OR f.shop_b = ANY($2)) AND f.added_at <= $1', [position, [...shops]]);
  }
  const rows: FactRow[] = [];
  for (let i = 0; i < shops.length; i += SHOPS_PER_STATEMENT) {
    const chunk = paddedToPowerOfTwo(shops.slice(i, i + SHOPS_PER_STATEMENT));
    const list = placeholderList(chunk.length, 2);
    rows.push(...(await readFactRows(sql, `(f.shop IN (${list}) OR f.shop_b IN (${list})) AND f.added_at <= $1`, [position, ...chunk])));
  }
  return rows;
}

/**
 * The facts that name each shop (removed ones too), as the identity-graph table holds them up to a
 * position, each shop's read once for every walk made at or before that position. A fact's row is
 * the same whatever point it is read at (when it was added and removed are columns); what a walk at an
 * earlier point knows of a shop is the rows added by then. A refresh of the operator view walks the
 * same big operators and hub samples several times (from both sides of a change, in several walks,
 * and again to describe what they reached), and each walk read them again: 1.7 million fact rows for
 * a quality market of 38,000 facts (issue 12).
 *
 * Only for a span in which the table changes nothing up to the position (the transaction of one
 * refresh), and carried to the next refresh for the shops no changed fact names (see `carriedTo`).
 */
export class ShopFacts {
  /** The rows of each shop read or carried here. */
  private readonly rows = new Map<ShopKey, FactRow[]>();
  /** The shops asked about here: only those are carried on, so that what is kept is what one refresh's walks meet, not every shop met since. */
  private readonly used = new Set<ShopKey>();

  constructor(readonly upTo: number) {}

  /** The rows naming any of the shops, added by `position` (at most `upTo`), each once. */
  async of(sql: Sql, shops: readonly ShopKey[], position: number): Promise<FactRow[]> {
    if (position > this.upTo) throw new Error(`facts read up to ${this.upTo} asked at ${position}`);
    await this.read(
      sql,
      shops.filter((shop) => !this.rows.has(shop)),
    );
    const found = new Set<FactRow>();
    // A link's row is held by each of its shops: read with both, or once with each (one carried).
    const links = new Set<string>();
    for (const shop of shops) {
      this.used.add(shop);
      for (const row of this.rows.get(shop)!) {
        if (Number(row.added_at) > position || found.has(row)) continue;
        if (row.shop_b !== null) {
          const link = factIdOf(row);
          if (links.has(link)) continue;
          links.add(link);
        }
        found.add(row);
      }
    }
    return [...found];
  }

  /** What the next refresh may carry on (see `carriedTo`): these, unless the rows asked about are too many to keep. */
  kept(): ShopFacts | null {
    let rows = 0;
    for (const shop of this.used) rows += this.rows.get(shop)!.length;
    return rows <= ROWS_KEPT_AT_MOST ? this : null;
  }

  /**
   * The rows of the shops asked about here (not those only carried here), as they stand up to a later
   * position: a shop's rows change (a fact added, one removed) only by a fact that names it, so the
   * shops the changes between the two positions name are left out and read again. Not across an
   * erasure (it deletes rows).
   */
  carriedTo(upTo: number, changedShops: ReadonlySet<ShopKey>): ShopFacts {
    const carried = new ShopFacts(upTo);
    for (const shop of this.used) if (!changedShops.has(shop)) carried.rows.set(shop, this.rows.get(shop)!);
    return carried;
  }

  private async read(sql: Sql, shops: readonly ShopKey[]): Promise<void> {
    if (shops.length === 0) return;
    const unread = new Set(shops);
    for (const shop of unread) this.rows.set(shop, []);
    // A link names two shops: it goes with each asked here (one read before holds it already).
    for (const row of await rowsNamingShops(sql, shops, this.upTo)) {
      for (const shop of new Set([row.shop, row.shop_b])) if (shop !== null && unread.has(shop)) this.rows.get(shop)!.push(row);
    }
  }
}
