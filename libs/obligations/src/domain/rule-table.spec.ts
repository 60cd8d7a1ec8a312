import shipped from '../../rules/withholding-rules.json';
import { SalesLine, assessLine } from './assessment';
import { higherRate } from './money';
import { RuleTableError, RuleTableJson, dueDate, parseRuleTable, ruleInForce } from './rule-table';
import { TAX_CATEGORIES, TaxCategory } from './tax-category';

const table = parseRuleTable(shipped as RuleTableJson);
const decree117 = ruleInForce(table, '2025-07')!;

const line = (category: TaxCategory, gross: bigint, cancelled = 0n): SalesLine => ({
  category,
  grossRevenue: gross,
  cancellationsAndReturns: cancelled,
  vatWithheld: 0n,
  pitWithheld: 0n,
});

describe('the withholding rule table (Decree 117/2025/ND-CP)', () => {
  it('has Decree 117/2025 in force from 1 July 2025, open-ended, with its citation', () => {
    expect(decree117).toMatchObject({ version: 'VN-ND117-2025', effectiveFrom: '2025-07-01', effectiveTo: null, dueDayOfFollowingMonth: 20 });
    expect(decree117.citation).toMatch(/Decree 117\/2025\/ND-CP/);
  });

  it('has no rule for months before the decree', () => {
    expect(ruleInForce(table, '2025-06')).toBeUndefined();
    expect(ruleInForce(table, '2026-12')).toBe(decree117);
  });

  // prettier-ignore
  it.each([
    // category                           resident  VAT due    PIT due
    ['goods',                             true,     1_000_000n,   500_000n],
    ['goods',                             false,    1_000_000n, 1_000_000n],
    ['services',                          true,     5_000_000n, 2_000_000n],
    ['services',                          false,    5_000_000n, 5_000_000n],
    ['transport_and_attached_services',   true,     3_000_000n, 1_500_000n],
    ['transport_and_attached_services',   false,    3_000_000n, 2_000_000n],
    ['unknown',                           true,     5_000_000n, 2_000_000n],
    ['unknown',                           false,    5_000_000n, 5_000_000n],
  ] as const)('%s, resident %s: on 100,000,000 đồng VAT %s, PIT %s', (category, resident, vat, pit) => {
    const assessed = assessLine(decree117, line(category, 100_000_000n), resident);
    expect([assessed.base, assessed.vat.due, assessed.pit.due]).toEqual([100_000_000n, vat, pit]);
  });

  it('assesses an unknown category at the highest rate of any category, for VAT and both PIT columns', () => {
    const known = TAX_CATEGORIES.filter((c) => c !== 'unknown').map((c) => decree117.rates[c]);
    const highest = (pick: (r: (typeof known)[number]) => (typeof known)[number]['vat']) => known.map(pick).reduce(higherRate);
    expect(decree117.rates.unknown.vat.percent).toBe(highest((r) => r.vat).percent);
    expect(decree117.rates.unknown.pitResident.percent).toBe(highest((r) => r.pitResident).percent);
    expect(decree117.rates.unknown.pitNonResident.percent).toBe(highest((r) => r.pitNonResident).percent);
  });

  it('nets cancellations and returns off gross revenue, and a month of returns only has a base of 0', () => {
    expect(assessLine(decree117, line('goods', 50_000_000n, 8_000_000n), true)).toMatchObject({
      base: 42_000_000n,
      vat: { due: 420_000n },
      pit: { due: 210_000n },
    });
    expect(assessLine(decree117, line('goods', 1_000_000n, 3_000_000n), true)).toMatchObject({ base: 0n, vat: { due: 0n }, pit: { due: 0n } });
  });

  it('rounds each tax line once, half up, to whole đồng', () => {
    // 1,234,567 × 0.5% = 6,172.835 → 6,173; × 1.5% = 18,518.505 → 18,519; × 1% = 12,345.67 → 12,346
    expect(assessLine(decree117, line('goods', 1_234_567n), true)).toMatchObject({ vat: { due: 12_346n }, pit: { due: 6_173n } });
    expect(assessLine(decree117, line('transport_and_attached_services', 1_234_567n), true)).toMatchObject({ pit: { due: 18_519n } });
    // 100 đồng × 0.5% = 0.5 → 1 (half up), 99 × 0.5% = 0.495 → 0
    expect(assessLine(decree117, line('goods', 100n), true).pit.due).toBe(1n);
    expect(assessLine(decree117, line('goods', 99n), true).pit.due).toBe(0n);
  });

  it('finds the shortfall of what was withheld against what is due, and none when enough was withheld', () => {
    const short = assessLine(decree117, { ...line('services', 10_000_000n), vatWithheld: 400_000n, pitWithheld: 250_000n }, true);
    expect(short).toMatchObject({ vat: { due: 500_000n, shortfall: 100_000n }, pit: { due: 200_000n, shortfall: 0n } });
  });

  it('is due by the 20th of the following month, across a year end too', () => {
    expect(dueDate(decree117, '2025-07')).toBe('2025-08-20');
    expect(dueDate(decree117, '2025-12')).toBe('2026-01-20');
  });

  describe('a rate change is a new version, not a code change', () => {
    const raise = {
      version: 'VN-HYPOTHETICAL-2027',
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
      citation: 'A hypothetical decree raising the goods VAT rate (test only)',
      filing: { period: 'monthly' as const, dueDayOfFollowingMonth: 20 },
      rates: { ...shipped.rules[0].rates, goods: { vat: '1.25', pitResident: '0.5', pitNonResident: '1' } },
    };
    const closed = { ...shipped.rules[0], effectiveTo: '2026-12-31' };

    it('assesses each month under the version in force for it', () => {
      const versioned = parseRuleTable({ rules: [closed, raise] } as RuleTableJson);
      expect(ruleInForce(versioned, '2026-12')!.version).toBe('VN-ND117-2025');
      const later = ruleInForce(versioned, '2027-01')!;
      expect(later.version).toBe('VN-HYPOTHETICAL-2027');
      expect(assessLine(later, line('goods', 1_000_000n), true).vat.due).toBe(12_500n);
    });

    it.each([
      ['overlapping versions', [shipped.rules[0], raise], /overlaps/],
      ['a version starting mid-month', [closed, { ...raise, effectiveFrom: '2027-01-15' }], /first day of a month/],
      ['a version ending mid-month', [{ ...closed, effectiveTo: '2026-12-30' }, raise], /last day of a month/],
      ['versions out of order', [raise, closed], /order/],
      ['the same version twice', [closed, { ...raise, version: closed.version }], /twice/],
      ['a category missing', [{ ...closed, rates: { goods: closed.rates.goods } }], /missing: services/],
      [
        'a rate that is no percentage',
        [{ ...closed, rates: { ...closed.rates, goods: { vat: '1%', pitResident: '0.5', pitNonResident: '1' } } }],
        /rates.goods/,
      ],
      ['no citation', [{ ...closed, citation: '' }], /cite/],
      [
        'an unknown category taxed below a known one',
        [{ ...closed, rates: { ...closed.rates, unknown: { ...closed.rates.unknown, pitResident: '1.5' } } }],
        /rates.unknown.pitResident must be the highest rate of any category \(2\)/,
      ],
    ])('refuses %s', (_, rules, message) => {
      expect(() => parseRuleTable({ rules } as RuleTableJson)).toThrow(RuleTableError);
      expect(() => parseRuleTable({ rules } as RuleTableJson)).toThrow(message);
    });
  });
});
