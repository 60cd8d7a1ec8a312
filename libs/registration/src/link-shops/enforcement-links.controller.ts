import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, commandContext, etagOf, exampleSchema } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { LinkCommand } from '../domain/link/link.decide';
import { LinkParty, ShopRef } from '../domain/link/link.events';
import { ExecuteLinkCommand, LinkWriteResult } from './execute-link-command';
import { EnforcementLinkDto, EnforcementUnlinkDto } from './link-shops.dto';

const EXAMPLE = { a: { platformId: 'lazada', shopId: 'lz-55120' }, b: { platformId: 'shopee', shopId: 'shop-889123' }, version: 3, changed: true };

@ApiTags('enforcement: links')
@Roles('enforcement')
@Controller('enforcement/links')
export class EnforcementLinksController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the finding that two shops, on any platforms, belong to the same seller; both must exist (404)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiCreatedResponse({
    description: 'Linked (changed: false when enforcement had linked the pair already); ETag is the pair version',
    schema: exampleSchema(EXAMPLE),
  })
  link(
    @Body() body: EnforcementLinkDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<LinkWriteResult> {
    const shops = pairOf(body);
    return this.send({ principal, request, response }, shops, {
      type: 'LinkShops',
      shops,
      evidence: body.evidence,
      caseReference: body.caseReference,
      party: enforcementParty(principal),
      by: principal.id,
    });
  }

  @Post('unlink')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw enforcement’s link of two shops; a platform’s own link of the pair stands' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiOkResponse({ description: 'Unlinked (changed: false when enforcement had no link of the pair)', schema: exampleSchema(EXAMPLE) })
  unlink(
    @Body() body: EnforcementUnlinkDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<LinkWriteResult> {
    return this.send({ principal, request, response }, pairOf(body), {
      type: 'UnlinkShops',
      reason: body.reason,
      party: enforcementParty(principal),
      by: principal.id,
    });
  }

  private async send(
    http: { principal: Principal; request: IdempotentRequest; response: HttpResponse },
    shops: readonly [ShopRef, ShopRef],
    command: LinkCommand,
  ): Promise<LinkWriteResult> {
    const context = commandContext(http.request, http.principal);
    const result = await this.commands.execute<ExecuteLinkCommand, LinkWriteResult>(new ExecuteLinkCommand(shops, shops, command, context));
    http.response.header('ETag', etagOf(result.version));
    return result;
  }
}

const pairOf = ({ a, b }: { a: ShopRef; b: ShopRef }): readonly [ShopRef, ShopRef] => [
  { platformId: a.platformId, shopId: a.shopId },
  { platformId: b.platformId, shopId: b.shopId },
];

const enforcementParty = (principal: Principal): LinkParty =>
  principal.agency === undefined ? { role: 'enforcement' } : { role: 'enforcement', agency: principal.agency };
