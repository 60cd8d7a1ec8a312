import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { seededEventId, timeOrderedId } from '@registry/event-store';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpResponse } from '@registry/platform';

import { ClaimInputDto } from '../claim-input/claim-input.dto';
import { toClaim } from '../claim-input/to-claim';
import { sendShopCommand } from '../shop-commands/send-shop-command';
import examples from './add-claim.examples.json';

@ApiTags('platform: claims')
@Roles('platform')
@Controller('platform/shops/:shopId/claims')
export class AddClaimController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an identity claim: declared owner, legal representative, payout account, contact, pickup point…' })
  @ApiCreatedResponse({
    description: 'The claim id and the shop version (ETag); changed: false when the claim was recorded already',
    schema: exampleSchema(examples.add),
  })
  async add(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: ClaimInputDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const claim = toClaim(body, principal.id, 'body', request.idSeed ? seededEventId(request.idSeed, 1000) : timeOrderedId());
    const result = await sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'AddClaim', claim });
    return { ...result, claimId: claim.claimId };
  }
}
