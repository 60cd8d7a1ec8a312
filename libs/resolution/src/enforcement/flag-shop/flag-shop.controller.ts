import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore, seededEventId, timeOrderedId } from '@registry/event-store';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata, ShopIdPipe } from '@registry/platform';
import { DomainError, shopStream } from '@registry/shared-kernel';
import { FlagShopDto } from './flag-shop.dto';
import { ShopFlagged, flagStream } from './shop-flagged.event';
import examples from './flag-shop.examples.json';

@ApiTags('enforcement: resolution')
@Roles('enforcement')
@Controller('enforcement/shops/:platformId/:shopId/flags')
export class FlagShopController {
  constructor(private readonly store: EventStore) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Flag a shop (suspected counterfeit, smuggling, tax evasion) for a case: an event, shown in the shop’s history' })
  @ApiCreatedResponse({ description: 'The flag as recorded on the shop’s enforcement stream', schema: exampleSchema(examples.flag) })
  async flag(
    @Param('platformId', ShopIdPipe) platformId: string,
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: FlagShopDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ) {
    const metadata = requestMetadata(request, principal);
    const shop = await this.store.readStream(shopStream(platformId, shopId));
    if (shop.length === 0) throw DomainError.notFound(`shop ${platformId}:${shopId}`);
    const event: ShopFlagged = {
      type: 'ShopFlagged',
      data: { category: body.category, caseReference: body.caseReference, note: body.note, flaggedBy: principal.id, agency: principal.agency ?? null },
    };
    const id = request.idSeed ? seededEventId(request.idSeed, 0) : timeOrderedId();
    const result = await this.store.append(flagStream(platformId, shopId), [{ id, ...event, metadata }], 'any');
    return { platformId, shopId, flagId: id, version: result.nextVersion, ...event.data };
  }
}
