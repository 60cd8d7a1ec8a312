import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { RuleTable } from '../domain';
import { WITHHOLDING_RULES, describeRuleTable } from './withholding-rules.provider';

type RuleTableDescription = ReturnType<typeof describeRuleTable>;

/** The withholding rule table assessments are made with. */
export class GetWithholdingRules extends Query<RuleTableDescription> {}

@QueryHandler(GetWithholdingRules)
export class GetWithholdingRulesHandler implements IQueryHandler<GetWithholdingRules> {
  constructor(@Inject(WITHHOLDING_RULES) private readonly rules: RuleTable) {}

  async execute(): Promise<RuleTableDescription> {
    return describeRuleTable(this.rules);
  }
}
