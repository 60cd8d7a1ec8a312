import { Dong, Rate, maxDong, taxOn } from './money';
import { WithholdingRule } from './rule-table';
import { TaxCategory } from './tax-category';

/** One category of a monthly sales report, as the platform states it. */
export interface SalesLine {
  readonly category: TaxCategory;
  readonly grossRevenue: Dong;
  readonly cancellationsAndReturns: Dong;
  readonly vatWithheld: Dong;
  readonly pitWithheld: Dong;
}

export interface TaxLine {
  readonly rate: Rate;
  readonly due: Dong;
  readonly withheld: Dong;
  /** Due minus withheld when the platform withheld too little; 0 otherwise. */
  readonly shortfall: Dong;
}

export interface LineAssessment {
  readonly category: TaxCategory;
  readonly grossRevenue: Dong;
  readonly cancellationsAndReturns: Dong;
  /**
   * Gross revenue net of cancellations and returns, never below 0: returns larger than the
   * month's sales (goods sold in an earlier month) reduce this month's base to nothing, and the
   * remainder is not carried over here.
   */
  readonly base: Dong;
  readonly vat: TaxLine;
  readonly pit: TaxLine;
}

/** Assesses one category of one month under one rule version. Pure, exact, rounded per tax line. */
export function assessLine(rule: WithholdingRule, line: SalesLine, sellerResident: boolean): LineAssessment {
  const rates = rule.rates[line.category];
  const base = maxDong(0n, line.grossRevenue - line.cancellationsAndReturns);
  return {
    category: line.category,
    grossRevenue: line.grossRevenue,
    cancellationsAndReturns: line.cancellationsAndReturns,
    base,
    vat: taxLine(base, rates.vat, line.vatWithheld),
    pit: taxLine(base, sellerResident ? rates.pitResident : rates.pitNonResident, line.pitWithheld),
  };
}

function taxLine(base: Dong, rate: Rate, withheld: Dong): TaxLine {
  const due = taxOn(base, rate);
  return { rate, due, withheld, shortfall: maxDong(0n, due - withheld) };
}
