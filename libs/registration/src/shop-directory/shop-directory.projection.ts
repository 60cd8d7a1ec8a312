import { Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, insertRows } from '@registry/event-store';
import { parseShopStream } from '@registry/shared-kernel';
import { ShopEvent } from '../domain/shop/shop.events';

/** A shop registered in the batch being applied, with the claims added to it since: one row to insert. */
interface NewShop {
  platformId: string;
  shopId: string;
  displayName: string;
  category: string | null;
  claims: number;
  version: number;
  registeredAt: string;
  updatedAt: string;
}

/**
 * Each platform's list of its shops: name, status, number of live claims. A shop registered in
 * the batch is inserted once at the end of the run of its events, with its claims counted in
 * memory (issue 14: a registration of three claims was an INSERT and three UPDATEs).
 */
@Injectable()
export class ShopDirectoryProjection implements Projection {
  readonly name = 'shop-directory';

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    const registered = new Map<string, NewShop>();
    for (const stored of events) {
      const shop = parseShopStream(stored.stream);
      if (!shop) continue;
      const event = stored as unknown as StoredEvent & ShopEvent;
      if (event.type === 'ShopRegistered') {
        registered.set(stored.stream, {
          platformId: shop.platformId,
          shopId: shop.shopId,
          displayName: event.data.displayName,
          category: event.data.category ?? null,
          claims: 0,
          version: event.version,
          registeredAt: event.recordedAt,
          updatedAt: event.recordedAt,
        });
        continue;
      }
      const pending = registered.get(stored.stream);
      if (pending && (event.type === 'ClaimAdded' || event.type === 'ClaimRetracted')) {
        pending.claims += event.type === 'ClaimAdded' ? 1 : -1;
        pending.version = event.version;
        pending.updatedAt = event.recordedAt;
        continue;
      }
      if (pending) {
        await insertShops(tx, [pending]);
        registered.delete(stored.stream);
      }
      await this.applyOne(event, shop.platformId, shop.shopId, tx);
    }
    await insertShops(tx, [...registered.values()]);
  }

  async reset(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM shop_directory');
  }

  private async applyOne(event: StoredEvent & ShopEvent, platformId: string, shopId: string, tx: Sql): Promise<void> {
    const at = event.recordedAt;
    const update = (set: string, params: unknown[] = []) =>
      tx.run(`UPDATE shop_directory SET ${set}, version = $1, updated_at = $2 WHERE platform_id = $3 AND shop_id = $4`, [
        event.version,
        at,
        platformId,
        shopId,
        ...params,
      ]);
    switch (event.type) {
      case 'ShopProfileChanged':
        await update('display_name = COALESCE($5, display_name), category = COALESCE($6, category)', [
          event.data.changes.displayName ?? null,
          event.data.changes.category ?? null,
        ]);
        return;
      case 'ShopSuspended':
        await update("status = 'suspended'");
        return;
      case 'ShopReinstated':
        await update("status = 'active'");
        return;
      case 'ShopClosed':
        await update("status = 'closed'");
        return;
      case 'ClaimAdded':
        await update('claims = claims + 1');
        return;
      case 'ClaimRetracted':
        await update('claims = claims - 1');
        return;
      default:
        await update('claims = claims');
    }
  }
}

/** Shops registered in a batch; one already listed (never, but for a replay) keeps its row and gets the claims added. */
function insertShops(tx: Sql, shops: readonly NewShop[]): Promise<number> {
  return insertRows(
    tx,
    'shop_directory',
    ['platform_id', 'shop_id', 'display_name', 'category', 'status', 'claims', 'version', 'registered_at', 'updated_at'],
    shops.map((s) => [s.platformId, s.shopId, s.displayName, s.category, 'active', s.claims, s.version, s.registeredAt, s.updatedAt]),
    `ON CONFLICT (platform_id, shop_id) DO UPDATE SET claims = shop_directory.claims + excluded.claims,
       version = excluded.version, updated_at = excluded.updated_at`,
  );
}
