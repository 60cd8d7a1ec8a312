import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReadRoute, exampleSchema } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { queriedIdentifier } from '../identifier-query';
import { ShopsByIdentifierDto } from './shops-by-identifier.dto';
import { FindShopsByIdentifier } from './shops-by-identifier.query';
import examples from './shops-by-identifier.examples.json';

@EnforcementReads()
@Controller('enforcement/identifier-searches')
export class ShopsByIdentifierController {
  constructor(
    private readonly queries: QueryBus,
    private readonly reader: IdentityGraphReader,
    private readonly audited: AuditedRead,
  ) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Every shop, on any platform, tied to a phone, national ID, tax code, bank account, e-wallet or email (or, as a lead, an address or name), with the claims and attestations behind each; for an ID number also the shops paying into accounts or giving phones a partner attests to that person',
  })
  @ApiOkResponse({
    description: 'Every shop tied to the identifier, with the facts behind each (lead: true for an address or a name)',
    schema: exampleSchema(examples.search),
  })
  search(@Body() body: ShopsByIdentifierDto, @CurrentPrincipal() principal: Principal, @Req() request: HttpRequest) {
    const identifier = queriedIdentifier(body.kind, body.value);
    const asOf = body.asOf ? new Date(body.asOf) : undefined;
    // The audit names the identifier by its blind index, never in clear.
    const params = { kind: body.kind, key: this.reader.keyOf(body.kind, identifier.value), asOf: body.asOf ?? null };
    return this.audited.run(request, principal, { name: 'shopsByIdentifier', params }, () => this.queries.execute(new FindShopsByIdentifier(identifier, asOf)));
  }
}
