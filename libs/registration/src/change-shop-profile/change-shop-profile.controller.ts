import { Body, Controller, Param, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, ShopIdPipe } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { sendShopCommand } from '../shop-commands/send-shop-command';
import { ChangeShopProfileDto } from './change-shop-profile.dto';
import examples from './change-shop-profile.examples.json';

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops/:shopId')
export class ChangeShopProfileController {
  constructor(private readonly commands: CommandBus) {}

  @Patch()
  @ApiOperation({ summary: 'Change display name, URL or category; only the fields that differ are recorded' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read; 412 when the shop changed since' })
  @ApiOkResponse({ description: 'The shop version (ETag); changed: false when the profile already said so', schema: exampleSchema(examples.change) })
  change(
    @Param('shopId', ShopIdPipe) shopId: string,
    @Body() body: ChangeShopProfileDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    return sendShopCommand(this.commands, { principal, request, response }, shopId, { type: 'ChangeShopProfile', changes: body });
  }
}
