import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@registry/platform';
import { RuleTable } from '../domain';
import { WITHHOLDING_RULES, describeRuleTable } from './withholding-rules.provider';

@ApiTags('tax')
@Roles('platform', 'tax_office')
@Controller('tax/withholding-rules')
export class WithholdingRulesController {
  constructor(@Inject(WITHHOLDING_RULES) private readonly rules: RuleTable) {}

  @Get()
  @ApiOperation({ summary: 'The versioned withholding rule table assessments are made with: rates, effective dates, sources in law' })
  table() {
    return describeRuleTable(this.rules);
  }
}
