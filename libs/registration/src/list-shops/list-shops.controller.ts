import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SqlDatabase } from '@registry/event-store';
import { CurrentPrincipal, Principal, Roles, exampleSchema } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { platformOf } from '../platform-of';
import examples from './list-shops.examples.json';

export class ListShopsQuery {
  @ApiPropertyOptional({ description: 'The last shopId of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be a shopId' })
  after?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
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

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops')
export class ListShopsController {
  constructor(private readonly db: SqlDatabase) {}

  @Get()
  @ApiOperation({ summary: 'The platform’s shops, a page at a time (from the shop directory read model, which may lag by a moment)' })
  @ApiOkResponse({ description: 'A page of the platform’s shops and the next cursor (null at the end)', schema: exampleSchema(examples.list) })
  async list(@Query() query: ListShopsQuery, @CurrentPrincipal() principal: Principal) {
    const limit = query.limit ?? 100;
    const rows = await this.db.reader.rows<ShopRow>(
      `SELECT shop_id, display_name, category, status, claims, version, registered_at, updated_at FROM shop_directory
       WHERE platform_id = $1 AND shop_id > $2 ORDER BY shop_id LIMIT $3`,
      [platformOf(principal), query.after ?? '', limit],
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
