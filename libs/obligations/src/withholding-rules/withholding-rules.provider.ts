import { Provider } from '@nestjs/common';
import { REGISTRY_CONFIG, RegistryConfig } from '@registry/platform';
import { readFileSync } from 'node:fs';
import shipped from '../../rules/withholding-rules.json';
import { RuleTable, RuleTableJson, parseRuleTable } from '../domain';

export const WITHHOLDING_RULES = Symbol('WITHHOLDING_RULES');

/**
 * The rule table the service assesses with: the one shipped in libs/obligations/rules, or the file
 * `REGISTRY_TAX_RULES_FILE` names. A table that would assess wrongly stops the service at start.
 */
export const withholdingRulesProvider: Provider = {
  provide: WITHHOLDING_RULES,
  inject: [REGISTRY_CONFIG],
  useFactory: (config: RegistryConfig): RuleTable => loadRuleTable(config.taxRulesFile),
};

export function loadRuleTable(file: string | undefined): RuleTable {
  const json = file ? (JSON.parse(readFileSync(file, 'utf8')) as RuleTableJson) : (shipped as RuleTableJson);
  return parseRuleTable(json);
}

/** The table as published to platforms and the tax office: rates in percent, with their sources. */
export function describeRuleTable(table: RuleTable) {
  return {
    rounding: 'each tax line (one tax, one category, one shop and month) is base × rate, rounded once to whole đồng, half up',
    rules: table.rules.map((rule) => ({
      version: rule.version,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo: rule.effectiveTo,
      citation: rule.citation,
      filing: { period: 'monthly', dueDayOfFollowingMonth: rule.dueDayOfFollowingMonth },
      rates: Object.fromEntries(
        Object.entries(rule.rates).map(([category, r]) => [
          category,
          { vat: r.vat.percent, pitResident: r.pitResident.percent, pitNonResident: r.pitNonResident.percent },
        ]),
      ),
    })),
  };
}
