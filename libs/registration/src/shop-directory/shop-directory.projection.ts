import { Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent } from '@registry/event-store';
import { parseShopStream } from '@registry/shared-kernel';
import { ShopEvent } from '../domain/shop/shop.events';

/** Each platform's list of its shops: name, status, number of live claims. */
@Injectable()
export class ShopDirectoryProjection implements Projection {
  readonly name = 'shop-directory';

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    for (const stored of events) {
      const shop = parseShopStream(stored.stream);
      if (!shop) continue;
      await this.applyOne(stored as unknown as StoredEvent & ShopEvent, shop.platformId, shop.shopId, tx);
    }
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
      case 'ShopRegistered':
        await tx.run(
          `INSERT INTO shop_directory (platform_id, shop_id, display_name, category, status, claims, version, registered_at, updated_at)
           VALUES ($1, $2, $3, $4, 'active', 0, $5, $6, $6) ON CONFLICT (platform_id, shop_id) DO NOTHING`,
          [platformId, shopId, event.data.displayName, event.data.category, event.version, at],
        );
        return;
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
