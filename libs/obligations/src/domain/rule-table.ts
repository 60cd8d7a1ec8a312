import { Rate, higherRate, parseRate } from './money';
import { Month, firstDay, isMonth, lastDay, nextMonth } from './month';
import { TAX_CATEGORIES, TaxCategory, isTaxCategory } from './tax-category';

export interface CategoryRates {
  readonly vat: Rate;
  /** Personal income tax of a resident individual seller. */
  readonly pitResident: Rate;
  readonly pitNonResident: Rate;
}

/** One version of the withholding rules: in force for whole months, from a source in law. */
export interface WithholdingRule {
  readonly version: string;
  /** First day it applies to (the first of a month). */
  readonly effectiveFrom: string;
  /** Last day it applies to (the last of a month), or null while in force. */
  readonly effectiveTo: string | null;
  readonly citation: string;
  /** The day of the month after the reported one by which the withheld tax is declared and paid. */
  readonly dueDayOfFollowingMonth: number;
  readonly rates: Readonly<Record<TaxCategory, CategoryRates>>;
}

export interface RuleTable {
  /** In order of effectiveFrom, never overlapping. */
  readonly rules: readonly WithholdingRule[];
}

/** The rule table as JSON (libs/obligations/rules/withholding-rules.json, schema in libs/obligations/schemas). */
export interface RuleTableJson {
  readonly rules: readonly {
    readonly version: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
    readonly citation: string;
    readonly filing: { readonly period: 'monthly'; readonly dueDayOfFollowingMonth: number };
    readonly rates: Readonly<Record<string, { readonly vat: string; readonly pitResident: string; readonly pitNonResident: string }>>;
  }[];
}

/** Thrown while loading a table that would assess wrongly: the service refuses to start with it. */
export class RuleTableError extends Error {
  override readonly name = 'RuleTableError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks and loads a rule table. A rate change is a new version with its own dates and citation;
 * versions never overlap, start on the first of a month and end on the last day of one, so every
 * month is assessed by exactly one version (or none, before the first).
 */
export function parseRuleTable(json: RuleTableJson): RuleTable {
  if (!json || !Array.isArray(json.rules) || json.rules.length === 0) throw new RuleTableError('a rule table needs at least one rule');
  const rules = json.rules.map((raw, i): WithholdingRule => {
    const where = `rules[${i}] (${raw?.version ?? 'no version'})`;
    if (typeof raw.version !== 'string' || raw.version.length === 0) throw new RuleTableError(`${where}: version is required`);
    if (typeof raw.citation !== 'string' || raw.citation.trim().length < 10) throw new RuleTableError(`${where}: cite the source in law`);
    if (!DATE.test(raw.effectiveFrom) || !isMonth(raw.effectiveFrom.slice(0, 7)) || raw.effectiveFrom !== firstDay(raw.effectiveFrom.slice(0, 7))) {
      throw new RuleTableError(`${where}: effectiveFrom must be the first day of a month`);
    }
    if (raw.effectiveTo !== null && (!DATE.test(raw.effectiveTo) || raw.effectiveTo !== lastDay(raw.effectiveTo.slice(0, 7)))) {
      throw new RuleTableError(`${where}: effectiveTo must be the last day of a month, or null`);
    }
    if (raw.effectiveTo !== null && raw.effectiveTo < raw.effectiveFrom) throw new RuleTableError(`${where}: effectiveTo is before effectiveFrom`);
    const due = raw.filing?.dueDayOfFollowingMonth;
    if (raw.filing?.period !== 'monthly' || !Number.isInteger(due) || due < 1 || due > 28) {
      throw new RuleTableError(`${where}: filing must be monthly with a due day from 1 to 28`);
    }
    const categories = Object.keys(raw.rates ?? {});
    const missing = TAX_CATEGORIES.filter((c) => !categories.includes(c));
    const unknown = categories.filter((c) => !isTaxCategory(c));
    if (missing.length > 0 || unknown.length > 0) {
      throw new RuleTableError(
        `${where}: rates must name exactly ${TAX_CATEGORIES.join(', ')} (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'})`,
      );
    }
    const rates = Object.fromEntries(
      TAX_CATEGORIES.map((category) => {
        const r = raw.rates[category];
        try {
          return [category, { vat: parseRate(r.vat), pitResident: parseRate(r.pitResident), pitNonResident: parseRate(r.pitNonResident) }];
        } catch (error) {
          throw new RuleTableError(`${where}: rates.${category}: ${(error as Error).message}`);
        }
      }),
    ) as Record<TaxCategory, CategoryRates>;
    // Decree 117: a line whose category is unknown is taxed at the highest rate of any category.
    for (const column of ['vat', 'pitResident', 'pitNonResident'] as const) {
      const highest = TAX_CATEGORIES.filter((c) => c !== 'unknown')
        .map((c) => rates[c][column])
        .reduce(higherRate);
      if (higherRate(rates.unknown[column], highest) !== rates.unknown[column]) {
        throw new RuleTableError(`${where}: rates.unknown.${column} must be the highest rate of any category (${highest.percent})`);
      }
    }
    return { version: raw.version, effectiveFrom: raw.effectiveFrom, effectiveTo: raw.effectiveTo, citation: raw.citation, dueDayOfFollowingMonth: due, rates };
  });
  const versions = new Set<string>();
  rules.forEach((rule, i) => {
    if (versions.has(rule.version)) throw new RuleTableError(`version ${rule.version} appears twice`);
    versions.add(rule.version);
    const next = rules[i + 1];
    if (!next) return;
    if (next.effectiveFrom <= rule.effectiveFrom) throw new RuleTableError(`rules must be in order of effectiveFrom (${next.version} after ${rule.version})`);
    if (rule.effectiveTo === null || rule.effectiveTo >= next.effectiveFrom) {
      throw new RuleTableError(`${rule.version} overlaps ${next.version}: end it before ${next.effectiveFrom}`);
    }
  });
  return { rules };
}

/** The version in force for a month (they cover whole months), or undefined when none is. */
export function ruleInForce(table: RuleTable, month: Month): WithholdingRule | undefined {
  const day = firstDay(month);
  return table.rules.find((rule) => rule.effectiveFrom <= day && (rule.effectiveTo === null || day <= rule.effectiveTo));
}

/** When the tax withheld for a month is due: the rule's day of the following month. */
export function dueDate(rule: WithholdingRule, month: Month): string {
  return `${nextMonth(month)}-${String(rule.dueDayOfFollowingMonth).padStart(2, '0')}`;
}
