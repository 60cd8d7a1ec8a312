import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpRequest, HttpResponse } from '@registry/platform';
import { shopKey } from '../../domain';
import { ReadPoint, Subjects } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { AsOfQuery, asOfDate } from '../enforcement-query';
import { NETWORK_EXPORTS } from '../export/network-export';
import { operatorToCsv } from '../export/operator-csv';
import { NetworkQuery, OperatorQuery } from './export-query';
import { GetOperatorFormation, GetOperatorNetwork, GetOperatorOfShop } from './operator-of-shop.query';
import examples from './operator-of-shop.examples.json';

@EnforcementReads()
@Controller('enforcement/shops/:platformId/:shopId/operator')
export class OperatorOfShopController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Who really runs this shop: operator id, ranked controllers with evidence, declared owners, every shop of the operator, nominee flags, hubs, leads, confidence, the joins and the claims behind them; `format=csv`: the shops as a spreadsheet (an audited export)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'The operator as the registry knew it at asOf.position; the read is in the audit trail under auditId. Personal fields are decrypted for enforcement. With format=csv, the shops as a CSV file.',
    schema: exampleSchema(examples.operator),
  })
  async operator(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Query() query: OperatorQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const answer = await this.read(request, principal, 'operatorOfShop', shopKey(platformId, shopId), query, (shop, asOf) =>
      this.queries.execute(new GetOperatorOfShop(shop, asOf)),
    );
    if (query.format !== 'csv') return answer;
    attachment(response, answer.auditId, 'text/csv; charset=utf-8', `${answer.operator.operatorId}.csv`);
    return operatorToCsv(answer);
  }

  @Get('formation')
  @ApiOperation({ summary: 'How the operator of this shop formed: its joins in order of position, each with the facts that closed it' })
  @ApiOkResponse({ description: 'The merges in order, each with the edge, its counterpart and the shops it joined', schema: exampleSchema(examples.formation) })
  formation(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    return this.read(request, principal, 'operatorFormation', shopKey(platformId, shopId), query, (shop, asOf) =>
      this.queries.execute(new GetOperatorFormation(shop, asOf)),
    );
  }

  @Get('network')
  @ApiOperation({
    summary:
      'The operator of this shop as a graph to draw: shops and identifiers as nodes, claims as edges (joins: false where a hub or nominee does not join); `format=graphml` or `gexf`: the same graph as a file for Gephi (an audited export)',
  })
  @ApiProduces('application/json', 'application/graphml+xml', 'application/gexf+xml')
  @ApiOkResponse({
    description: 'Nodes (shops, identifiers) and edges (claims) to draw; with format=graphml or gexf, the same graph as a file',
    schema: exampleSchema(examples.network),
  })
  async network(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Query() query: NetworkQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const answer = await this.read(request, principal, 'operatorNetwork', shopKey(platformId, shopId), query, (shop, asOf) =>
      this.queries.execute(new GetOperatorNetwork(shop, asOf)),
    );
    if (!query.format || query.format === 'json') return answer;
    const format = NETWORK_EXPORTS[query.format];
    attachment(response, answer.auditId, format.contentType, `${answer.operatorId ?? 'no-operator'}.${format.extension}`);
    return format.write(answer);
  }

  /** Each of the three is one audited read of one shop at `asOf`; an export is recorded with its format. */
  private read<T extends { point: ReadPoint; subjects: Subjects }>(
    request: HttpRequest,
    principal: Principal,
    name: string,
    shop: string,
    query: AsOfQuery & { format?: string },
    answer: (shop: string, asOf: Date | undefined) => Promise<T>,
  ) {
    const params = { shop, asOf: query.asOf ?? null, ...(query.format ? { format: query.format } : {}) };
    return this.audited.run(request, principal, { name, params }, () => answer(shop, asOfDate(query)));
  }
}

/** Sent as a file to save; the file has no room for the audit id a JSON answer carries, so a header has it. */
function attachment(response: HttpResponse, auditId: string, contentType: string, fileName: string): void {
  response.header('X-Audit-Id', auditId);
  // Only letters, digits, `.`, `_` and `-` in the name, so it needs no quoting rules (`op:shopee:x1` → `op_shopee_x1`).
  response.header('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  response.type(contentType);
}
