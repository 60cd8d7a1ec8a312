import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { SqlDatabase } from '@registry/event-store';

/** Each shop's status in the platform's directory (active, suspended, closed), by `platform:shop` key; a shop not registered is left out. */
export class GetShopStatuses extends Query<Map<string, string>> {
  constructor(readonly shops: readonly string[]) {
    super();
  }
}

/** Statuses read from the shop directory: what another context asks registration, rather than reading its table. */
@QueryHandler(GetShopStatuses)
export class GetShopStatusesHandler implements IQueryHandler<GetShopStatuses> {
  constructor(private readonly db: SqlDatabase) {}

  async execute({ shops }: GetShopStatuses): Promise<Map<string, string>> {
    const statuses = new Map<string, string>();
    for (let i = 0; i < shops.length; i += 400) {
      const chunk = shops.slice(i, i + 400);
      const rows = await this.db.reader.rows<{ platform_id: string; shop_id: string; status: string }>(
        `SELECT platform_id, shop_id, status FROM shop_directory WHERE ${chunk.map((_, n) => `(platform_id = $${2 * n + 1} AND shop_id = $${2 * n + 2})`).join(' OR ')}`,
        chunk.flatMap((s) => [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)]),
      );
      for (const row of rows) statuses.set(`${row.platform_id}:${row.shop_id}`, row.status);
    }
    return statuses;
  }
}
