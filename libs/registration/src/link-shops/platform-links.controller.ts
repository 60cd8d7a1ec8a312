import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata } from '@registry/platform';
import { LinkCommand } from '../domain/link/link.decide';
import { ShopRef } from '../domain/link/link.events';
import { platformOf } from '../platform-of';
import { ExecuteLinkCommand, LinkWriteResult } from './execute-link-command';
import { PlatformLinkDto, PlatformUnlinkDto } from './link-shops.dto';

type PlatformLinkResult = Pick<LinkWriteResult, 'a' | 'b' | 'changed'>;

const EXAMPLE = { a: { platformId: 'lazada', shopId: 'lz-55120' }, b: { platformId: 'shopee', shopId: 'shop-889123' }, changed: true };

@ApiTags('platform: links')
@Roles('platform')
@Controller('platform/links')
export class PlatformLinksController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'State that one of the platform’s shops and another shop, on this or another platform, belong to the same seller',
    description:
      'The platform’s own shop must exist, and so must the other one when it is on the same platform (404). A shop on another ' +
      'platform is never looked up, so the answer tells nothing about it, nor about what other parties stated about the pair.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiCreatedResponse({
    description: 'Linked (changed: false when the platform had linked the pair already); a and b in stream order',
    schema: exampleSchema(EXAMPLE),
  })
  link(@Body() body: PlatformLinkDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<PlatformLinkResult> {
    const platformId = platformOf(principal);
    const shops = pairOf(platformId, body);
    return this.send(principal, request, shops, {
      type: 'LinkShops',
      shops,
      evidence: body.evidence,
      party: { role: 'platform', platformId },
      by: principal.id,
    });
  }

  @Post('unlink')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the platform’s own link of two shops; a link stated by another party stands' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiOkResponse({ description: 'Unlinked (changed: false when the platform had no link of the pair)', schema: exampleSchema(EXAMPLE) })
  unlink(@Body() body: PlatformUnlinkDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<PlatformLinkResult> {
    const platformId = platformOf(principal);
    return this.send(principal, request, pairOf(platformId, body), {
      type: 'UnlinkShops',
      reason: body.reason,
      party: { role: 'platform', platformId },
      by: principal.id,
    });
  }

  /**
   * The pair's stream holds other parties' statements too, so a platform gets neither its version
   * (nor an ETag, nor If-Match) nor whether the pair is linked: only whether its own statement changed.
   */
  private async send(principal: Principal, request: IdempotentRequest, shops: Pair, command: LinkCommand): Promise<PlatformLinkResult> {
    const [own, other] = shops;
    const mustExist = other.platformId === own.platformId ? shops : [own];
    const context = { metadata: requestMetadata(request, principal), idSeed: request.idSeed };
    const { a, b, changed } = await this.commands.execute<ExecuteLinkCommand, LinkWriteResult>(new ExecuteLinkCommand(shops, mustExist, command, context));
    return { a, b, changed };
  }
}

type Pair = readonly [own: ShopRef, other: ShopRef];

const pairOf = (platformId: string, body: PlatformLinkDto | PlatformUnlinkDto): Pair => [
  { platformId, shopId: body.shopId },
  { platformId: body.other.platformId, shopId: body.other.shopId },
];
