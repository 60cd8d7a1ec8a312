import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { Request } from 'express';
import { shopKey } from '../../domain';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { AsOfQuery, asOfDate } from '../enforcement-query';
import { ShopPartPipe } from '../shop-key.pipe';

@ApiTags('enforcement: resolution')
@Roles('enforcement')
@ApiHeader({ name: 'X-Case-Reference', required: true, description: 'The case this read serves (recorded in the audit trail)' })
@ApiHeader({ name: 'X-Purpose', required: true, description: 'Why the read is needed (recorded in the audit trail)' })
@Controller('enforcement/shops/:platformId/:shopId/operator')
export class OperatorOfShopController {
  constructor(
    private readonly reader: IdentityGraphReader,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Who really runs this shop: operator id, ranked controllers with evidence, declared owners, every shop of the operator, nominee flags, hubs, leads, confidence, the joins and the claims behind them',
  })
  async operator(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    const shop = shopKey(platformId, shopId);
    return this.audited.run(request, principal, { name: 'operatorOfShop', params: { shop, asOf: query.asOf ?? null } }, async () => {
      const found = await this.reader.operatorOf(shop, asOfDate(query));
      if (!found.operator) throw DomainError.notFound(`shop ${shop} at position ${found.point.position}`);
      return found;
    });
  }
}
