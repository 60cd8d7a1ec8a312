import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpRequest, HttpResponse } from '../../http/http-types';
import { requestMetadata } from '../../http/request-context';
import { Principal } from '../principal';
import { CurrentPrincipal, Roles } from '../roles.decorator';
import { RevokePrincipalCommand } from './revoke-principal.command';
import { RevokePrincipalDto } from './revoke-principal.dto';
import { exampleSchema } from '../../http/openapi/example-schema';
import examples from './revoke-principal.examples.json';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/principals')
export class RevokePrincipalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a principal: its key stops working; revoking it again changes nothing' })
  @ApiOkResponse({ description: 'Revoked; its key is refused from now on', schema: exampleSchema(examples.revoke) })
  @ApiAcceptedResponse({ description: 'Revoked, but the principal directory had not caught up within 5 s' })
  async revoke(
    @Param('id') principalId: string,
    @Body() body: RevokePrincipalDto,
    @CurrentPrincipal() admin: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const { applied, ...revoked } = await this.commands.execute(new RevokePrincipalCommand(principalId, body.reason, requestMetadata(request, admin)));
    if (!applied) response.status(HttpStatus.ACCEPTED);
    return revoked;
  }
}
