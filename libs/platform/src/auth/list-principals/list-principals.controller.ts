import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../roles.decorator';
import { ListPrincipalsQuery } from './list-principals.query';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/principals')
export class ListPrincipalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every principal with its role, scope and revocation; never a key or its hash' })
  list() {
    return this.queries.execute(new ListPrincipalsQuery());
  }
}
