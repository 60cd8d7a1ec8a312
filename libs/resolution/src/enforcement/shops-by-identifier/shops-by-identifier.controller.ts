import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReadRoute, Roles, exampleSchema } from '@registry/platform';
import { Request } from 'express';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { queriedIdentifier } from '../identifier-query';
import { ShopsByIdentifierDto } from './shops-by-identifier.dto';
import { PURPOSE_HEADER_DESCRIPTION, PURPOSE_NOTE_DESCRIPTION } from '../../audit/read-context';
import examples from './shops-by-identifier.examples.json';

@ApiTags('enforcement: resolution')
@Roles('enforcement')
@ApiHeader({ name: 'X-Case-Reference', required: true, description: 'The case this read serves (recorded in the audit trail)' })
@ApiHeader({ name: 'X-Purpose', required: true, description: PURPOSE_HEADER_DESCRIPTION })
@ApiHeader({ name: 'X-Purpose-Note', required: false, description: PURPOSE_NOTE_DESCRIPTION })
@Controller('enforcement/identifier-searches')
export class ShopsByIdentifierController {
  constructor(
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
  search(@Body() body: ShopsByIdentifierDto, @CurrentPrincipal() principal: Principal, @Req() request: Request) {
    const identifier = queriedIdentifier(body.kind, body.value);
    const asOf = body.asOf ? new Date(body.asOf) : undefined;
    // The audit names the identifier by its blind index, never in clear.
    const params = { kind: body.kind, key: this.reader.keyOf(body.kind, identifier.value), asOf: body.asOf ?? null };
    return this.audited.run(request, principal, { name: 'shopsByIdentifier', params }, () => this.reader.shopsByIdentifier(identifier, asOf));
  }
}
