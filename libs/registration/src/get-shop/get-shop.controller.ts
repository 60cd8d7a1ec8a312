import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, etagOf, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { platformOf } from '../platform-of';
import { GetShop, GetShopHistory } from './get-shop.query';
import examples from './get-shop.examples.json';

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops/:shopId')
export class GetShopController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'One of the platform’s shops as it stands, with its claims; ETag is its version' })
  @ApiOkResponse({
    description: 'The shop with its live claims, personal fields decrypted for the platform that registered it',
    schema: exampleSchema(examples.get),
  })
  async get(@Param('shopId', ShopIdPipe) shopId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HttpResponse) {
    const shop = await this.queries.execute(new GetShop(platformOf(principal), shopId));
    response.header('ETag', etagOf(shop.version));
    return shop;
  }

  @Get('history')
  @ApiOperation({ summary: 'Every event of the shop, with who caused it and when' })
  @ApiOkResponse({ description: 'The shop’s events in order, with who recorded each', schema: exampleSchema(examples.history) })
  history(@Param('shopId', ShopIdPipe) shopId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetShopHistory(platformOf(principal), shopId));
  }
}
