import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, ROLES } from '../principal';
import { CurrentPrincipal, Roles } from '../roles.decorator';
import { exampleSchema } from '../../http/openapi/example-schema';
import examples from './who-am-i.examples.json';

@ApiTags('auth')
@Roles(...ROLES)
@Controller('whoami')
export class WhoAmIController {
  @Get()
  @ApiOperation({ summary: 'The principal behind the credentials sent: check a key without touching any data' })
  @ApiOkResponse({ description: 'The principal the key belongs to', schema: exampleSchema(examples.whoAmI) })
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
