import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../roles.decorator';
import { ListPrincipalsQuery } from './list-principals.query';
import { exampleSchema } from '../../http/openapi/example-schema';
import examples from './list-principals.examples.json';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/principals')
export class ListPrincipalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every principal with its role, scope and revocation; never a key or its hash' })
  @ApiOkResponse({ description: 'Every principal, without keys or key hashes', schema: exampleSchema(examples.list) })
  list() {
    return this.queries.execute(new ListPrincipalsQuery());
  }
}
