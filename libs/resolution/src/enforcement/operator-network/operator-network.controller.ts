import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@registry/platform';
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
@Controller('enforcement/shops/:platformId/:shopId/operator/network')
export class OperatorNetworkController {
  constructor(
    private readonly reader: IdentityGraphReader,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The operator of this shop as a graph to draw: shops and identifiers as nodes, claims as edges (joins: false where a hub or nominee does not join)' })
  network(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    const shop = shopKey(platformId, shopId);
    return this.audited.run(request, principal, { name: 'operatorNetwork', params: { shop, asOf: query.asOf ?? null } }, () =>
      this.reader.network(shop, asOfDate(query)),
    );
  }
}
