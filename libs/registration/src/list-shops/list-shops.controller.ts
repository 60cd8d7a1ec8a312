import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IsShopId, Principal, Roles, exampleSchema } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { platformOf } from '../platform-of';
import { ListShops } from './list-shops.query';
import examples from './list-shops.examples.json';

export class ListShopsQuery {
  @ApiPropertyOptional({ description: 'The last shopId of the previous page' })
  @IsOptional()
  @IsShopId()
  after?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops')
export class ListShopsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The platform’s shops, a page at a time (from the shop directory read model, which may lag by a moment)' })
  @ApiOkResponse({ description: 'A page of the platform’s shops and the next cursor (null at the end)', schema: exampleSchema(examples.list) })
  list(@Query() query: ListShopsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListShops(platformOf(principal), query.after ?? '', query.limit ?? 100));
  }
}
