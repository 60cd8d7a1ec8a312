import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { shopKey } from '../../domain';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { AsOfQuery, asOfDate } from '../enforcement-query';
import { ExplainWhyTogether } from './why-together.query';
import examples from './why-together.examples.json';

@EnforcementReads()
@Controller('enforcement/shops/:platformId/:shopId/why/:otherPlatformId/:otherShopId')
export class WhyTogetherController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Why two shops have one operator (the chain of shared identifiers and the claims behind each step), or why not (hub, nominee, different subscribers, a lead only, nothing shared)',
  })
  @ApiOkResponse({
    description: 'Whether the two shops are one operator, and the chain of identifiers or the reasons they are apart',
    schema: exampleSchema(examples.why),
  })
  why(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Param('otherPlatformId', ShopIdPipe) otherPlatformId: string,
    @Param('otherShopId', ShopIdPipe) otherShopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    const a = shopKey(platformId, shopId);
    const b = shopKey(otherPlatformId, otherShopId);
    return this.audited.run(request, principal, { name: 'whyTogether', params: { a, b, asOf: query.asOf ?? null } }, () =>
      this.queries.execute(new ExplainWhyTogether(a, b, asOfDate(query))),
    );
  }
}
