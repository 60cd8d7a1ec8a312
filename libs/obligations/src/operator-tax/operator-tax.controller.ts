import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, exampleSchema, ShopIdPipe } from '@registry/platform';
import { AuditedRead, EnforcementReads, shopKey } from '@registry/resolution';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { GetOperatorTax } from './operator-tax.query';
import { HttpRequest } from '@registry/platform';
import examples from './operator-tax.examples.json';

export class TaxYearQuery {
  @ApiPropertyOptional({ example: 2025, description: 'Only this calendar year; default every year with revenue' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(9999)
  year?: number;
}

@EnforcementReads('enforcement: obligations')
@Controller('enforcement/shops/:platformId/:shopId/operator/tax')
export class OperatorTaxController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The tax picture of the operator of this shop: net revenue per year across every shop and platform it runs, per shop, and the obligations assessed (VAT and PIT due under the rule table, withheld as the platforms reported, the shortfall)',
  })
  @ApiOkResponse({
    description:
      'Per year: the revenue the operator-revenue worker counts, the figure last sent to the tax office, and the obligations of the current reports; the read is in the audit trail under auditId',
    schema: exampleSchema(examples.tax),
  })
  operatorTax(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Query() query: TaxYearQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    const shop = shopKey(platformId, shopId);
    const params = { shop, year: query.year === undefined ? null : String(query.year) };
    return this.audited.run(request, principal, { name: 'operatorTax', params }, () => this.queries.execute(new GetOperatorTax(shop, query.year)));
  }
}
