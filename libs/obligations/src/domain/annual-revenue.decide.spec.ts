import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { SalesLine } from './assessment';
import { AttributeRevenue, annualRevenueDecider, revenueAttributions } from './annual-revenue.decide';
import { AnnualRevenueAttributed } from './obligation.events';
import { SalesState } from './sales-report.decide';

const given = deciderSpec(annualRevenueDecider);
const attribute = (platformId: string, shopId: string, month: string, revenue: bigint | null, reportId = `r-${shopId}-${month}`): AttributeRevenue => ({
  type: 'AttributeRevenue',
  attributionKey: 'tin:x',
  year: 2025,
  platformId,
  shopId,
  month,
  reportId,
  revenue,
});
const fold = (commands: AttributeRevenue[]) =>
  commands.reduce<AnnualRevenueAttributed[]>(
    (events, command) => [...events, ...annualRevenueDecider.decide(command, events.reduce(annualRevenueDecider.evolve, annualRevenueDecider.initialState()))],
    [],
  );

describe('a seller’s yearly revenue', () => {
  it('adds up every shop and platform attributed to the seller into one figure', () => {
    const events = fold([
      attribute('shopee', 'front-1', '2025-07', 60_000_000n),
      attribute('shopee', 'front-2', '2025-07', 55_000_000n),
      attribute('tiktok', 'front-3', '2025-08', 70_000_000n),
    ]);
    expect(events[2].data).toMatchObject({ revenue: '185000000', shopMonths: 3, shops: 3, platforms: 2 });
  });

  it('replaces a shop-month’s figure when the month is corrected, and says what it was', () => {
    const events = fold([attribute('shopee', 'front-1', '2025-07', 60_000_000n), attribute('shopee', 'front-1', '2025-07', 40_000_000n, 'r-2')]);
    expect(events[1].data).toMatchObject({
      revenue: '40000000',
      shopMonths: 1,
      change: { platformId: 'shopee', shopId: 'front-1', month: '2025-07', reportId: 'r-2', revenue: '40000000', previousRevenue: '60000000' },
    });
  });

  it('changes nothing when the figure is the same', () => {
    const events = fold([attribute('shopee', 'front-1', '2025-07', 60_000_000n)]);
    given(events)
      .when(attribute('shopee', 'front-1', '2025-07', 60_000_000n, 'r-2'))
      .thenNothingHappens();
  });

  it('lets a shop-month go when it is attributed elsewhere', () => {
    const events = fold([attribute('shopee', 'front-1', '2025-07', 60_000_000n), attribute('shopee', 'front-2', '2025-07', 5_000_000n)]);
    const [left] = annualRevenueDecider.decide(
      attribute('shopee', 'front-1', '2025-07', null),
      events.reduce(annualRevenueDecider.evolve, annualRevenueDecider.initialState()),
    );
    expect(left.data).toMatchObject({ revenue: '5000000', shopMonths: 1, shops: 1, change: { revenue: null, previousRevenue: '60000000' } });
    given([])
      .when(attribute('shopee', 'front-1', '2025-07', null))
      .thenNothingHappens();
  });
});

describe('what a report changes in the yearly figures', () => {
  const lines: SalesLine[] = [{ category: 'goods', grossRevenue: 10n, cancellationsAndReturns: 3n, vatWithheld: 0n, pitWithheld: 0n }];
  const report = { reportId: 'r-2', platformId: 'p', shopId: 's', month: '2025-12', lines, attributionKey: 'tin:x' };

  it('counts the month for the attribution it was assessed under, in the month’s year', () => {
    expect(revenueAttributions({ reported: false }, report)).toEqual([
      { type: 'AttributeRevenue', attributionKey: 'tin:x', year: 2025, platformId: 'p', shopId: 's', month: '2025-12', reportId: 'r-2', revenue: 7n },
    ]);
  });

  it('takes the month away from the attribution it had before, when that changed', () => {
    const before: SalesState = { reported: true, reportId: 'r-1', sellerResident: true, lines, attribution: { attributionKey: 'shop:p:s', identified: false } };
    expect(revenueAttributions(before, report).map((c) => [c.attributionKey, c.revenue])).toEqual([
      ['shop:p:s', null],
      ['tin:x', 7n],
    ]);
  });
});
