import { BadRequestException, Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { ReasonDto, VerificationDto } from '../claim-input/claim-input.dto';
import { sendShopCommand } from '../shop-commands/send-shop-command';
import examples from './review-claim.examples.json';

const CLAIM_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const claimIdOf = (claimId: string) => {
  if (!CLAIM_ID.test(claimId)) throw new BadRequestException('claimId: must be 1 to 100 letters, digits or . _ : -');
  return claimId;
};

@ApiTags('platform: claims')
@Roles('platform')
@Controller('platform/shops/:shopId/claims/:claimId')
export class ReviewClaimController {
  constructor(private readonly commands: CommandBus) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a claim was verified later, and how' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when nothing changed', schema: exampleSchema(examples.verify) })
  verify(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Param('claimId') claimId: string,
    @Body() body: VerificationDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const verification = {
      method: body.method,
      verifiedAt: body.verifiedAt ? new Date(body.verifiedAt).toISOString() : new Date().toISOString(),
      reference: body.reference ?? null,
    };
    return sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'VerifyClaim', claimId: claimIdOf(claimId), verification });
  }

  @Post('dispute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a claim as disputed; it stays on record' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when nothing changed', schema: exampleSchema(examples.dispute) })
  dispute(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Param('claimId') claimId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, {
      type: 'DisputeClaim',
      claimId: claimIdOf(claimId),
      reason: body.reason,
      by: principal.id,
    });
  }

  @Post('retract')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a claim; nothing is deleted, the retraction is a new event' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when nothing changed', schema: exampleSchema(examples.retract) })
  retract(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Param('claimId') claimId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, {
      type: 'RetractClaim',
      claimId: claimIdOf(claimId),
      reason: body.reason,
      by: principal.id,
    });
  }
}
