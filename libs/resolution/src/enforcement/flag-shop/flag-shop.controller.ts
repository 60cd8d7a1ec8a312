import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata, ShopIdPipe } from '@registry/platform';
import { FlagShopDto } from './flag-shop.dto';
import { FlagShopCommand } from './flag-shop.command';
import examples from './flag-shop.examples.json';

@ApiTags('enforcement: resolution')
@Roles('enforcement')
@Controller('enforcement/shops/:platformId/:shopId/flags')
export class FlagShopController {
  constructor(private readonly commands: CommandBus) {}

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
    const { category, caseReference, note } = body;
    const flag = { type: 'FlagShop' as const, platformId, shopId, category, caseReference, note, flaggedBy: principal.id, agency: principal.agency ?? null };
    return this.commands.execute(new FlagShopCommand(flag, { metadata: requestMetadata(request, principal), idSeed: request.idSeed }));
  }
}
