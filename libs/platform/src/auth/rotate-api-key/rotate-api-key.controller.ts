import { Controller, Header, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpRequest, HttpResponse } from '../../http/http-types';
import { requestMetadata } from '../../http/request-context';
import { refuseIdempotencyKey } from '../key-issuing-routes';
import { Principal } from '../principal';
import { CurrentPrincipal, Roles } from '../roles.decorator';
import { RotateApiKeyCommand } from './rotate-api-key.command';
import { exampleSchema } from '../../http/openapi/example-schema';
import examples from './rotate-api-key.examples.json';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/principals')
export class RotateApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rotate-key')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Give a principal a new random API key, returned this once; the old key stops working' })
  @ApiOkResponse({ description: 'Rotated; the new key works from now on', schema: exampleSchema(examples.rotate) })
  @ApiAcceptedResponse({ description: 'Rotated, but the principal directory had not caught up within 5 s' })
  async rotate(
    @Param('id') principalId: string,
    @CurrentPrincipal() admin: Principal,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    refuseIdempotencyKey(request);
    const { applied, ...rotated } = await this.commands.execute(new RotateApiKeyCommand(principalId, requestMetadata(request, admin)));
    if (!applied) response.status(HttpStatus.ACCEPTED);
    return rotated;
  }
}
