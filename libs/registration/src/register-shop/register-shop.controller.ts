import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, commandContext, etagOf, exampleSchema } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { platformOf } from '../platform-of';
import { ExecuteShopCommand, ShopWriteResult } from '../shop-commands/execute-shop-command';
import { RegisterShopDto } from './register-shop.dto';
import { toRegisterCommand } from './to-register-command';
import examples from './register-shop.examples.json';

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops')
export class RegisterShopController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a shop with the identity the platform verified (KYC), payout accounts and pickup points' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiCreatedResponse({
    description: 'Registered (or already registered with the same content); ETag is the shop version',
    schema: exampleSchema(examples.register),
  })
  async register(
    @Body() body: RegisterShopDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ShopWriteResult & { claimIds: string[] }> {
    const platformId = platformOf(principal);
    const context = commandContext(request, principal);
    const command = toRegisterCommand(platformId, body, principal.id, context);
    const result = await this.commands.execute<ExecuteShopCommand, ShopWriteResult>(new ExecuteShopCommand(platformId, body.shopId, command, context));
    response.header('ETag', etagOf(result.version));
    return { ...result, claimIds: command.claims.map((c) => c.claimId) };
  }
}
