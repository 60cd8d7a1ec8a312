import { Body, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReadRoute, exampleSchema } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { OperatorSearchDto, OperatorSearchQuery } from './operator-search.dto';
import { FindOperatorsOfShops } from './operators-of-shops.query';
import examples from './operator-search.examples.json';

@EnforcementReads()
@Controller('enforcement/operator-searches')
export class OperatorSearchController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audited: AuditedRead,
  ) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The operator of each of 1 to 1,000 shops in one read, audited once naming them all; each operator walked once for all its shops. `?view=summary` leaves the evidence out',
  })
  @ApiOkResponse({
    description:
      'Each shop asked, in order, with its operator (null and error notFound for a shop the registry does not know); one audit record names them all. With view=summary (shown) each operator without its evidence; the full view is the single operator read’s answer',
    schema: exampleSchema(examples.summary),
  })
  search(@Body() body: OperatorSearchDto, @Query() query: OperatorSearchQuery, @CurrentPrincipal() principal: Principal, @Req() request: HttpRequest) {
    const view = query.view ?? 'full';
    const params = { shopCount: String(body.shops.length), view, asOf: body.asOf ?? null };
    return this.audited.run(request, principal, { name: 'operatorsOfShops', params }, () =>
      this.queries.execute(new FindOperatorsOfShops(body.shops, body.asOf ? new Date(body.asOf) : undefined, view)),
    );
  }
}
