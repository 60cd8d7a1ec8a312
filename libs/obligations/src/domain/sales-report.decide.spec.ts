import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import shipped from '../../rules/withholding-rules.json';
import { SalesLine } from './assessment';
import { ObligationAssessed, SalesEvent, SalesReported } from './obligation.events';
import { RuleTableJson, parseRuleTable } from './rule-table';
import { ReportSales, salesDecider } from './sales-report.decide';

const given = deciderSpec(salesDecider);
const rules = parseRuleTable(shipped as RuleTableJson);

const goods: SalesLine = {
  category: 'goods',
  grossRevenue: 120_000_000n,
  cancellationsAndReturns: 20_000_000n,
  vatWithheld: 1_000_000n,
  pitWithheld: 500_000n,
};
const services: SalesLine = { category: 'services', grossRevenue: 10_000_000n, cancellationsAndReturns: 0n, vatWithheld: 500_000n, pitWithheld: 100_000n };
const identified = { identified: true as const, taxId: { nationalId: '001089012345' } };
const report: ReportSales = {
  type: 'ReportSales',
  reportId: 'r-1',
  platformId: 'shopee',
  shopId: 's-1',
  month: '2025-08',
  sellerResident: true,
  lines: [goods],
  corrects: null,
  seller: identified,
  attributionKey: 'tin:abc',
  rules,
  now: new Date('2025-09-05T03:00:00Z'),
};
const shop = { reportId: 'r-1', platformId: 'shopee', shopId: 's-1', month: '2025-08' };
const attribution = { attributionKey: 'tin:abc', identified: true };

const reported: SalesReported = {
  type: 'SalesReported',
  data: {
    ...shop,
    sellerResident: true,
    lines: [{ category: 'goods', grossRevenue: '120000000', cancellationsAndReturns: '20000000', vatWithheld: '1000000', pitWithheld: '500000' }],
    supersedes: null,
  },
};
const goodsAssessed: ObligationAssessed = {
  type: 'ObligationAssessed',
  data: {
    ...shop,
    supersedes: null,
    category: 'goods',
    sellerResident: true,
    ...attribution,
    withdrawn: false,
    grossRevenue: '120000000',
    cancellationsAndReturns: '20000000',
    base: '100000000',
    vat: { ratePercent: '1', due: '1000000', withheld: '1000000', shortfall: '0' },
    pit: { ratePercent: '0.5', due: '500000', withheld: '500000', shortfall: '0' },
    ruleVersion: 'VN-ND117-2025',
    dueDate: '2025-09-20',
  },
};
const firstReport: SalesEvent[] = [reported, goodsAssessed];

describe('a monthly sales report', () => {
  it('is recorded with its assessment under the rule in force, attributed to the identified seller', () => given([]).when(report).then(firstReport));

  it('assesses a non-resident seller at the non-resident PIT rate', () => {
    const events = salesDecider.decide({ ...report, sellerResident: false, lines: [{ ...goods, pitWithheld: 1_000_000n }] }, salesDecider.initialState());
    expect(events[1].data).toMatchObject({ sellerResident: false, pit: { ratePercent: '1', due: '1000000', shortfall: '0' } });
  });

  it('detects a withholding shortfall per category', () =>
    given([])
      .when({ ...report, lines: [{ ...goods, vatWithheld: 900_000n }] })
      .then([
        { ...reported, data: { ...reported.data, lines: [{ ...reported.data.lines[0], vatWithheld: '900000' }] } },
        { ...goodsAssessed, data: { ...goodsAssessed.data, vat: { ratePercent: '1', due: '1000000', withheld: '900000', shortfall: '100000' } } },
        {
          type: 'WithholdingShortfallDetected',
          data: { ...shop, category: 'goods', ...attribution, vatShortfall: '100000', pitShortfall: '0', ruleVersion: 'VN-ND117-2025', dueDate: '2025-09-20' },
        },
      ]));

  it('records revenue of a shop without an identified seller, attributed to the shop alone', () => {
    const events = salesDecider.decide(
      { ...report, seller: { identified: false, reason: 'no verified declared owner' }, attributionKey: 'shop:shopee:s-1' },
      salesDecider.initialState(),
    );
    expect(events.map((e) => e.type)).toEqual(['SalesReported', 'ObligationAssessed', 'UnidentifiedSellerRevenue']);
    expect(events[1].data).toMatchObject({ attributionKey: 'shop:shopee:s-1', identified: false });
    expect(events[2]).toEqual({
      type: 'UnidentifiedSellerRevenue',
      data: { ...shop, attributionKey: 'shop:shopee:s-1', revenue: '100000000', reason: 'no verified declared owner' },
    });
  });

  it('assesses every category it names, in a fixed order', () => {
    const events = salesDecider.decide({ ...report, lines: [services, goods] }, salesDecider.initialState());
    expect(events.filter((e) => e.type === 'ObligationAssessed').map((e) => e.data)).toMatchObject([
      { category: 'goods', base: '100000000' },
      { category: 'services', base: '10000000', vat: { due: '500000' }, pit: { due: '200000', shortfall: '100000' } },
    ]);
  });

  describe('again for the same month', () => {
    it('with the same content changes nothing', () =>
      given(firstReport)
        .when({ ...report, reportId: 'r-2' })
        .thenNothingHappens());

    it('with other figures is a correction: it supersedes the earlier report by reference and is assessed anew', () => {
      const correction = { ...report, reportId: 'r-2', lines: [{ ...goods, cancellationsAndReturns: 30_000_000n }] };
      const events = salesDecider.decide(correction, [reported, goodsAssessed].reduce(salesDecider.evolve, salesDecider.initialState()));
      expect(events[0]).toMatchObject({ type: 'SalesReported', data: { reportId: 'r-2', supersedes: 'r-1' } });
      expect(events[1]).toMatchObject({ type: 'ObligationAssessed', data: { reportId: 'r-2', supersedes: 'r-1', base: '90000000', vat: { due: '900000' } } });
    });

    it('that drops a category assesses that category at 0, marked withdrawn', () => {
      const both: SalesEvent[] = salesDecider.decide({ ...report, lines: [goods, services] }, salesDecider.initialState());
      const events = salesDecider.decide({ ...report, reportId: 'r-2', lines: [goods] }, both.reduce(salesDecider.evolve, salesDecider.initialState()));
      expect(events.filter((e) => e.type === 'ObligationAssessed').map((e) => e.data)).toMatchObject([
        { category: 'goods', withdrawn: false, base: '100000000' },
        { category: 'services', withdrawn: true, grossRevenue: '0', base: '0', vat: { due: '0', withheld: '0' }, pit: { due: '0' } },
      ]);
    });

    it('is assessed again when the seller was identified since, with the same figures', () => {
      const unidentified = salesDecider.decide(
        { ...report, seller: { identified: false, reason: 'none' }, attributionKey: 'shop:shopee:s-1' },
        salesDecider.initialState(),
      );
      const events = salesDecider.decide({ ...report, reportId: 'r-2' }, unidentified.reduce(salesDecider.evolve, salesDecider.initialState()));
      expect(events.map((e) => e.type)).toEqual(['SalesReported', 'ObligationAssessed']);
      expect(events[1].data).toMatchObject({ supersedes: 'r-1', attributionKey: 'tin:abc', identified: true });
    });

    it('naming the report it corrects must name the current one', () => {
      given(firstReport)
        .when({ ...report, reportId: 'r-2', corrects: 'r-0', lines: [services] })
        .thenFails('conflict', /corrects: the current report of 2025-08 is r-1/);
      given([])
        .when({ ...report, corrects: 'r-0' })
        .thenFails('conflict', /no report to correct/);
      expect(
        salesDecider.decide(
          { ...report, reportId: 'r-2', corrects: 'r-1', lines: [services] },
          firstReport.reduce(salesDecider.evolve, salesDecider.initialState()),
        )[0].data,
      ).toMatchObject({ supersedes: 'r-1' });
    });
  });

  describe('is refused', () => {
    it('for a month that has not ended in Vietnam', () => {
      // 2025-08-31T17:30Z is already 1 September in Hanoi: August has ended there.
      given([])
        .when({ ...report, now: new Date('2025-08-31T16:59:59Z') })
        .thenFails('invalid', /^month: must be a month that has ended/);
      given([])
        .when({ ...report, now: new Date('2025-08-31T17:30:00Z') })
        .then(firstReport);
      given([])
        .when({ ...report, month: '2031-01' })
        .thenFails('invalid', /^month:/);
    });

    it('for a month before any rule was in force', () =>
      given([])
        .when({ ...report, month: '2025-06' })
        .thenFails('invalid', /^month: no withholding rule is in force for 2025-06/));

    it('for a malformed month', () =>
      given([])
        .when({ ...report, month: '2025-13' })
        .thenFails('invalid', /^month: must be a month/));

    it('without lines', () =>
      given([])
        .when({ ...report, lines: [] })
        .thenFails('invalid', /^lines:/));

    it('with a category twice', () =>
      given([])
        .when({ ...report, lines: [goods, goods] })
        .thenFails('invalid', /^lines\[1\]\.category: goods appears twice/));

    it('with a negative amount', () =>
      given([])
        .when({ ...report, lines: [{ ...goods, cancellationsAndReturns: -1n }] })
        .thenFails('invalid', /^lines\[0\]\.cancellationsAndReturns/));
  });
});
