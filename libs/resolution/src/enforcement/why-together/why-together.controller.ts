import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, exampleSchema } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { shopKey } from '../../domain';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { AsOfQuery, asOfDate } from '../enforcement-query';
import { ShopPartPipe } from '../shop-key.pipe';
import examples from './why-together.examples.json';

@EnforcementReads()
@Controller('enforcement/shops/:platformId/:shopId/why/:otherPlatformId/:otherShopId')
export class WhyTogetherController {
  constructor(
    private readonly reader: IdentityGraphReader,
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
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Param('otherPlatformId', new ShopPartPipe('otherPlatformId')) otherPlatformId: string,
    @Param('otherShopId', new ShopPartPipe('otherShopId')) otherShopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    const a = shopKey(platformId, shopId);
    const b = shopKey(otherPlatformId, otherShopId);
    return this.audited.run(request, principal, { name: 'whyTogether', params: { a, b, asOf: query.asOf ?? null } }, () =>
      this.reader.why(a, b, asOfDate(query)),
    );
  }
}
