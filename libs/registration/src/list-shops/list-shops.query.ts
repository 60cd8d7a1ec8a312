import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlDatabase } from '@registry/event-store';

export class ListShops {
  constructor(
    readonly platformId: string,
    readonly after: string,
    readonly limit: number,
  ) {}
}

interface ShopRow {
  shop_id: string;
  display_name: string;
  category: string | null;
  status: string;
  claims: number;
  version: number;
  registered_at: string | Date;
  updated_at: string | Date;
}

/** From the shop directory read model, which may lag by a moment. */
@QueryHandler(ListShops)
export class ListShopsHandler implements IQueryHandler<ListShops> {
  constructor(private readonly db: SqlDatabase) {}

  async execute({ platformId, after, limit }: ListShops) {
    const rows = await this.db.reader.rows<ShopRow>(
      `SELECT shop_id, display_name, category, status, claims, version, registered_at, updated_at FROM shop_directory
       WHERE platform_id = $1 AND shop_id > $2 ORDER BY shop_id LIMIT $3`,
      [platformId, after, limit],
    );
    const shops = rows.map((r) => ({
      shopId: r.shop_id,
      displayName: r.display_name,
      category: r.category,
      status: r.status,
      liveClaims: Number(r.claims),
      version: Number(r.version),
      registeredAt: new Date(r.registered_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
    return { shops, next: shops.length === limit ? shops[shops.length - 1].shopId : null };
  }
}
