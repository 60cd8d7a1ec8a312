import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { SqlDatabase, preparedOnPostgres } from '@registry/event-store';

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
    const keys = shops.map((s) => [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)]);
    if (this.db.dialect === 'postgres') {
      return statusesOf(keys.length === 0 ? [] : await this.db.reader.rows<StatusRow>(STATUSES_ON_POSTGRES, [keys.map((k) => k[0]), keys.map((k) => k[1])]));
    }
    const rows: StatusRow[] = [];
    for (let i = 0; i < keys.length; i += 400) {
      const chunk = keys.slice(i, i + 400);
      const where = chunk.map((_, n) => `(platform_id = $${2 * n + 1} AND shop_id = $${2 * n + 2})`).join(' OR ');
      rows.push(...(await this.db.reader.rows<StatusRow>(`SELECT platform_id, shop_id, status FROM shop_directory WHERE ${where}`, chunk.flat())));
    }
    return statusesOf(rows);
  }
}

const statusesOf = (rows: readonly StatusRow[]) => new Map(rows.map((row) => [`${row.platform_id}:${row.shop_id}`, row.status]));

interface StatusRow {
  readonly platform_id: string;
  readonly shop_id: string;
  readonly status: string;
}

/**
 * PostgreSQL: every shop in one statement whatever their number, the keys as two arrays, so that it
 * is prepared once per connection rather than parsed and planned at each enforcement read (issue 12).
 */
const STATUSES_ON_POSTGRES = preparedOnPostgres(
  `SELECT d.platform_id, d.shop_id, d.status
   FROM unnest($1::text[], $2::text[]) AS k(platform_id, shop_id)
   JOIN shop_directory d ON d.platform_id = k.platform_id AND d.shop_id = k.shop_id`,
);
