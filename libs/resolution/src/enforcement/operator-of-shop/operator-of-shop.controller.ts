import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { Request } from 'express';
import { shopKey } from '../../domain';
import { IdentityGraphReader, ReadPoint, Subjects } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { AsOfQuery, asOfDate } from '../enforcement-query';
import { ShopPartPipe } from '../shop-key.pipe';
import { PURPOSE_HEADER_DESCRIPTION, PURPOSE_NOTE_DESCRIPTION } from '../../audit/read-context';

@ApiTags('enforcement: resolution')
@Roles('enforcement')
@ApiHeader({ name: 'X-Case-Reference', required: true, description: 'The case this read serves (recorded in the audit trail)' })
@ApiHeader({ name: 'X-Purpose', required: true, description: PURPOSE_HEADER_DESCRIPTION })
@ApiHeader({ name: 'X-Purpose-Note', required: false, description: PURPOSE_NOTE_DESCRIPTION })
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
  operator(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.read(request, principal, 'operatorOfShop', shopKey(platformId, shopId), query, async (shop, asOf) => {
      const found = await this.reader.operatorOf(shop, asOf);
      if (!found.operator) throw DomainError.notFound(`shop ${shop} at position ${found.point.position}`);
      return found;
    });
  }

  @Get('formation')
  @ApiOperation({ summary: 'How the operator of this shop formed: its joins in order of position, each with the facts that closed it' })
  formation(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.read(request, principal, 'operatorFormation', shopKey(platformId, shopId), query, (shop, asOf) => this.reader.formation(shop, asOf));
  }

  @Get('network')
  @ApiOperation({ summary: 'The operator of this shop as a graph to draw: shops and identifiers as nodes, claims as edges (joins: false where a hub or nominee does not join)' })
  network(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.read(request, principal, 'operatorNetwork', shopKey(platformId, shopId), query, (shop, asOf) => this.reader.network(shop, asOf));
  }

  /** Each of the three is one audited read of one shop at `asOf`. */
  private read<T extends { point: ReadPoint; subjects: Subjects }>(
    request: Request,
    principal: Principal,
    name: string,
    shop: string,
    query: AsOfQuery,
    answer: (shop: string, asOf: Date | undefined) => Promise<T>,
  ) {
    return this.audited.run(request, principal, { name, params: { shop, asOf: query.asOf ?? null } }, () => answer(shop, asOfDate(query)));
  }
}
