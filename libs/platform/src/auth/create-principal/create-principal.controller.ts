import { Body, Controller, Header, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpRequest, HttpResponse } from '../../http/http-types';
import { requestMetadata } from '../../http/request-context';
import { refuseIdempotencyKey } from '../key-issuing-routes';
import { Principal } from '../principal';
import { CurrentPrincipal, Roles } from '../roles.decorator';
import { CreatePrincipalCommand } from './create-principal.command';
import { CreatePrincipalDto } from './create-principal.dto';
import { exampleSchema } from '../../http/openapi/example-schema';
import examples from './create-principal.examples.json';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/principals')
export class CreatePrincipalController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create a principal with a new random API key, returned this once' })
  @ApiCreatedResponse({ description: 'Created; the key works from now on', schema: exampleSchema(examples.create) })
  @ApiAcceptedResponse({ description: 'Created, but the principal directory had not caught up within 5 s: the key works once it has' })
  async create(
    @Body() body: CreatePrincipalDto,
    @CurrentPrincipal() admin: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    refuseIdempotencyKey(request);
    const principal: Principal = {
      id: body.principalId,
      role: body.role,
      name: body.name,
      platformId: body.platformId ?? undefined,
      partnerId: body.partnerId ?? undefined,
      partnerKind: body.partnerKind ?? undefined,
      agency: body.agency ?? undefined,
    };
    const { applied, ...created } = await this.commands.execute(new CreatePrincipalCommand(principal, requestMetadata(request, admin)));
    if (!applied) response.status(HttpStatus.ACCEPTED);
    return created;
  }
}
