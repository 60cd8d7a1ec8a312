import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, exampleSchema } from '@registry/platform';
import { GetWithholdingRules } from './withholding-rules.query';
import examples from './withholding-rules.examples.json';

@ApiTags('tax')
@Roles('platform', 'tax_office')
@Controller('tax/withholding-rules')
export class WithholdingRulesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The versioned withholding rule table assessments are made with: rates, effective dates, sources in law' })
  @ApiOkResponse({ description: 'The withholding rule table in force, with its versions and rounding rule', schema: exampleSchema(examples.table) })
  table() {
    return this.queries.execute(new GetWithholdingRules());
  }
}
