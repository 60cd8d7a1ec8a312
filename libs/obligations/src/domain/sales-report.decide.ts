import { Decider, DomainError, canonicalJson } from '@registry/shared-kernel';
import { LineAssessment, SalesLine, assessLine } from './assessment';
import { Dong, formatDong, maxDong, parseDong } from './money';
import { Month, hasEnded, isMonth } from './month';
import { Attribution, SalesEvent, SalesLineData, TaxLineData } from './obligation.events';
import { RuleTable, WithholdingRule, dueDate, ruleInForce } from './rule-table';
import { SellerIdentity } from './seller-identity';
import { TAX_CATEGORIES, TaxCategory } from './tax-category';

export type SalesState =
  | { readonly reported: false }
  | {
      readonly reported: true;
      readonly reportId: string;
      readonly sellerResident: boolean;
      readonly lines: readonly SalesLine[];
      /** Set by the report's assessment. */
      readonly attribution: Attribution | null;
    };

export interface ReportSales {
  readonly type: 'ReportSales';
  readonly reportId: string;
  readonly platformId: string;
  readonly shopId: string;
  readonly month: Month;
  readonly sellerResident: boolean;
  readonly lines: readonly SalesLine[];
  /** The report the platform means to correct; when given it must be the current one. */
  readonly corrects: string | null;
  readonly seller: SellerIdentity;
  /** Where the revenue goes (SellerAttribution decides it). */
  readonly attributionKey: string;
  readonly rules: RuleTable;
  /** When the report was received: months that have not ended cannot be reported. */
  readonly now: Date;
}

export const initialSalesState = (): SalesState => ({ reported: false });

export function evolveSales(state: SalesState, event: SalesEvent): SalesState {
  switch (event.type) {
    case 'SalesReported':
      return {
        reported: true,
        reportId: event.data.reportId,
        sellerResident: event.data.sellerResident,
        lines: event.data.lines.map(lineFromData),
        attribution: null,
      };
    case 'ObligationAssessed': {
      if (!state.reported || state.attribution) return state;
      const { attributionKey, identified } = event.data;
      return { ...state, attribution: { attributionKey, identified } };
    }
    default:
      return state;
  }
}

/**
 * A report, or a correction of the month's report: recorded with its assessment per category
 * under the rule in force, shortfalls of withholding, and revenue without an identified seller.
 * The same report again changes nothing.
 */
export function decideSales(command: ReportSales, state: SalesState): SalesEvent[] {
  const rule = checkMonth(command);
  const lines = checkLines(command.lines);
  const attribution = attributionOf(command);
  if (state.reported && command.corrects !== null && command.corrects !== state.reportId) {
    throw new DomainError('conflict', `corrects: the current report of ${command.month} is ${state.reportId}, not ${command.corrects}`, [
      { field: 'corrects', reason: `the current report is ${state.reportId}` },
    ]);
  }
  if (!state.reported && command.corrects !== null) {
    throw new DomainError('conflict', `corrects: ${command.month} has no report to correct yet`, [
      { field: 'corrects', reason: 'there is no report to correct' },
    ]);
  }
  if (state.reported && unchanged(state, command.sellerResident, lines, attribution)) return [];

  const { reportId, platformId, shopId, month } = command;
  const supersedes = state.reported ? state.reportId : null;
  const assessed = lines.map((line) => assessLine(rule, line, command.sellerResident));
  const withdrawn = state.reported ? state.lines.filter((old) => !lines.some((l) => l.category === old.category)).map((old) => old.category) : [];
  const due = dueDate(rule, month);
  const shop = { reportId, platformId, shopId, month };

  const events: SalesEvent[] = [
    {
      type: 'SalesReported',
      data: { reportId, platformId, shopId, month, sellerResident: command.sellerResident, lines: lines.map(lineToData), supersedes },
    },
  ];
  const byCategory = new Map<TaxCategory, { assessment: LineAssessment; withdrawn: boolean }>();
  assessed.forEach((assessment) => byCategory.set(assessment.category, { assessment, withdrawn: false }));
  withdrawn.forEach((category) => byCategory.set(category, { assessment: assessLine(rule, zeroLine(category), command.sellerResident), withdrawn: true }));
  for (const category of TAX_CATEGORIES) {
    const entry = byCategory.get(category);
    if (!entry) continue;
    const a = entry.assessment;
    events.push({
      type: 'ObligationAssessed',
      data: {
        ...shop,
        supersedes,
        category,
        sellerResident: command.sellerResident,
        ...attribution,
        withdrawn: entry.withdrawn,
        grossRevenue: formatDong(a.grossRevenue),
        cancellationsAndReturns: formatDong(a.cancellationsAndReturns),
        base: formatDong(a.base),
        vat: taxLineData(a.vat),
        pit: taxLineData(a.pit),
        ruleVersion: rule.version,
        dueDate: due,
      },
    });
  }
  for (const a of assessed) {
    if (a.vat.shortfall === 0n && a.pit.shortfall === 0n) continue;
    events.push({
      type: 'WithholdingShortfallDetected',
      data: {
        ...shop,
        category: a.category,
        ...attribution,
        vatShortfall: formatDong(a.vat.shortfall),
        pitShortfall: formatDong(a.pit.shortfall),
        ruleVersion: rule.version,
        dueDate: due,
      },
    });
  }
  const revenue = assessed.reduce((sum, a) => sum + a.base, 0n);
  if (!command.seller.identified && revenue > 0n) {
    events.push({
      type: 'UnidentifiedSellerRevenue',
      data: { ...shop, attributionKey: command.attributionKey, revenue: formatDong(revenue), reason: command.seller.reason },
    });
  }
  return events;
}

export const salesDecider: Decider<SalesState, ReportSales, SalesEvent> = {
  initialState: initialSalesState,
  evolve: evolveSales,
  decide: decideSales,
};

/** The month's net revenue as assessed: the sum of the category bases. */
export function revenueOf(lines: readonly SalesLine[]): Dong {
  return lines.reduce((sum, l) => sum + maxDong(0n, l.grossRevenue - l.cancellationsAndReturns), 0n);
}

function checkMonth(command: ReportSales): WithholdingRule {
  if (!isMonth(command.month)) throw DomainError.invalid('month', 'must be a month as YYYY-MM');
  if (!hasEnded(command.month, command.now)) {
    throw DomainError.invalid('month', `must be a month that has ended (Vietnam time); ${command.month} has not`);
  }
  const rule = ruleInForce(command.rules, command.month);
  if (!rule) {
    const first = command.rules.rules[0];
    throw DomainError.invalid(
      'month',
      `no withholding rule is in force for ${command.month}; the first (${first.version}) applies from ${first.effectiveFrom}`,
    );
  }
  return rule;
}

function checkLines(lines: readonly SalesLine[]): SalesLine[] {
  if (lines.length === 0) throw DomainError.invalid('lines', 'must report at least one category');
  const seen = new Set<TaxCategory>();
  lines.forEach((line, i) => {
    if (seen.has(line.category)) throw DomainError.invalid(`lines[${i}].category`, `${line.category} appears twice`);
    seen.add(line.category);
    for (const field of ['grossRevenue', 'cancellationsAndReturns', 'vatWithheld', 'pitWithheld'] as const) {
      if (typeof line[field] !== 'bigint' || line[field] < 0n)
        throw DomainError.invalid(`lines[${i}].${field}`, 'must be a whole number of đồng, not negative');
    }
  });
  return [...lines].sort((a, b) => TAX_CATEGORIES.indexOf(a.category) - TAX_CATEGORIES.indexOf(b.category));
}

const attributionOf = (command: ReportSales): Attribution => ({ attributionKey: command.attributionKey, identified: command.seller.identified });

function unchanged(state: Extract<SalesState, { reported: true }>, resident: boolean, lines: readonly SalesLine[], attribution: Attribution): boolean {
  return (
    state.sellerResident === resident &&
    canonicalJson(state.lines.map(lineToData)) === canonicalJson(lines.map(lineToData)) &&
    canonicalJson(state.attribution) === canonicalJson(attribution)
  );
}

const zeroLine = (category: TaxCategory): SalesLine => ({ category, grossRevenue: 0n, cancellationsAndReturns: 0n, vatWithheld: 0n, pitWithheld: 0n });

const taxLineData = (line: LineAssessment['vat']): TaxLineData => ({
  ratePercent: line.rate.percent,
  due: formatDong(line.due),
  withheld: formatDong(line.withheld),
  shortfall: formatDong(line.shortfall),
});

export const lineToData = (line: SalesLine): SalesLineData => ({
  category: line.category,
  grossRevenue: formatDong(line.grossRevenue),
  cancellationsAndReturns: formatDong(line.cancellationsAndReturns),
  vatWithheld: formatDong(line.vatWithheld),
  pitWithheld: formatDong(line.pitWithheld),
});

function lineFromData(data: SalesLineData): SalesLine {
  const amount = (value: string) => {
    const parsed = parseDong(value);
    if (parsed === null) throw new Error(`stored amount ${value} is not whole đồng`);
    return parsed;
  };
  return {
    category: data.category,
    grossRevenue: amount(data.grossRevenue),
    cancellationsAndReturns: amount(data.cancellationsAndReturns),
    vatWithheld: amount(data.vatWithheld),
    pitWithheld: amount(data.pitWithheld),
  };
}
