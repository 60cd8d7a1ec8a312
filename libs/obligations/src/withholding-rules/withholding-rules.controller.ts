import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, exampleSchema } from '@registry/platform';
import { RuleTable } from '../domain';
import { WITHHOLDING_RULES, describeRuleTable } from './withholding-rules.provider';
import examples from './withholding-rules.examples.json';

@ApiTags('tax')
@Roles('platform', 'tax_office')
@Controller('tax/withholding-rules')
export class WithholdingRulesController {
  constructor(@Inject(WITHHOLDING_RULES) private readonly rules: RuleTable) {}

  @Get()
  @ApiOperation({ summary: 'The versioned withholding rule table assessments are made with: rates, effective dates, sources in law' })
  @ApiOkResponse({ description: 'The withholding rule table in force, with its versions and rounding rule', schema: exampleSchema(examples.table) })
  table() {
    return describeRuleTable(this.rules);
  }
}
