import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { ReasonDto } from '../claim-input/claim-input.dto';
import { sendShopCommand } from '../shop-commands/send-shop-command';
import examples from './change-shop-status.examples.json';

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops/:shopId')
export class ChangeShopStatusController {
  constructor(private readonly commands: CommandBus) {}

  @Post('suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a shop (e.g. until its seller corrects inaccurate identity data)' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when it was suspended already', schema: exampleSchema(examples.suspend) })
  suspend(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'SuspendShop', reason: body.reason });
  }

  @Post('reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate a suspended shop' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when it was active already', schema: exampleSchema(examples.reinstate) })
  reinstate(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'ReinstateShop', reason: body.reason });
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a shop for good; its history stays' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when it was closed already', schema: exampleSchema(examples.close) })
  close(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'CloseShop', reason: body.reason });
  }
}
