import { Controller, Get, Param, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { shopKey } from '../../domain';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { GetShopHistory } from './shop-history.query';
import examples from './shop-history.examples.json';

@EnforcementReads()
@Controller('enforcement/shops/:platformId/:shopId/history')
export class ShopHistoryController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The shop’s events, and enforcement’s flags on it, with provenance: position, time, who sent it, correlation id' })
  @ApiOkResponse({ description: 'The shop’s events and enforcement’s flags, with provenance, as known at asOf', schema: exampleSchema(examples.history) })
  history(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    const shop = shopKey(platformId, shopId);
    return this.audited.run(request, principal, { name: 'shopHistory', params: { shop } }, () => this.queries.execute(new GetShopHistory(platformId, shopId)));
  }
}
