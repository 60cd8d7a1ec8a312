import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, ROLES } from '../principal';
import { CurrentPrincipal, Roles } from '../roles.decorator';

@ApiTags('auth')
@Roles(...ROLES)
@Controller('whoami')
export class WhoAmIController {
  @Get()
  @ApiOperation({ summary: 'The principal behind the credentials sent: check a key without touching any data' })
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
