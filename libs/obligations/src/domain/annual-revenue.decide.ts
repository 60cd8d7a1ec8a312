import { Decider } from '@registry/shared-kernel';
import { Dong, formatDong, parseDong } from './money';
import { Month, yearOf } from './month';
import { AnnualRevenueAttributed } from './obligation.events';
import { SalesState, revenueOf } from './sales-report.decide';
import { SalesLine } from './assessment';

/** One attribution's year: the net revenue of each shop-month attributed to it. */
export interface AnnualRevenueState {
  readonly shopMonths: ReadonlyMap<string, { platformId: string; shopId: string; revenue: Dong }>;
  readonly total: Dong;
}

export interface AttributeRevenue {
  readonly type: 'AttributeRevenue';
  readonly attributionKey: string;
  readonly year: number;
  readonly platformId: string;
  readonly shopId: string;
  readonly month: Month;
  readonly reportId: string;
  /** The shop-month's net revenue now, or null when it no longer belongs to this attribution. */
  readonly revenue: Dong | null;
}

const shopMonthKey = (platformId: string, shopId: string, month: string) => `${platformId}\u0000${shopId}\u0000${month}`;

export const initialAnnualRevenueState = (): AnnualRevenueState => ({ shopMonths: new Map(), total: 0n });

export function evolveAnnualRevenue(state: AnnualRevenueState, event: AnnualRevenueAttributed): AnnualRevenueState {
  const { platformId, shopId, month, revenue } = event.data.change;
  const shopMonths = new Map(state.shopMonths);
  const key = shopMonthKey(platformId, shopId, month);
  if (revenue === null) shopMonths.delete(key);
  else shopMonths.set(key, { platformId, shopId, revenue: parseDong(revenue) ?? 0n });
  return { shopMonths, total: parseDong(event.data.revenue) ?? 0n };
}

/** Moves one shop-month's figure in the year's total; nothing when the figure is already there. */
export function decideAnnualRevenue(command: AttributeRevenue, state: AnnualRevenueState): AnnualRevenueAttributed[] {
  const key = shopMonthKey(command.platformId, command.shopId, command.month);
  const previous = state.shopMonths.get(key)?.revenue ?? null;
  if (previous === command.revenue) return [];
  const shopMonths = new Map(state.shopMonths);
  if (command.revenue === null) shopMonths.delete(key);
  else shopMonths.set(key, { platformId: command.platformId, shopId: command.shopId, revenue: command.revenue });
  const total = state.total - (previous ?? 0n) + (command.revenue ?? 0n);
  const entries = [...shopMonths.values()];
  return [
    {
      type: 'AnnualRevenueAttributed',
      data: {
        attributionKey: command.attributionKey,
        year: command.year,
        revenue: formatDong(total),
        shopMonths: entries.length,
        shops: new Set(entries.map((e) => `${e.platformId}\u0000${e.shopId}`)).size,
        platforms: new Set(entries.map((e) => e.platformId)).size,
        change: {
          platformId: command.platformId,
          shopId: command.shopId,
          month: command.month,
          reportId: command.reportId,
          revenue: command.revenue === null ? null : formatDong(command.revenue),
          previousRevenue: previous === null ? null : formatDong(previous),
        },
      },
    },
  ];
}

export const annualRevenueDecider: Decider<AnnualRevenueState, AttributeRevenue, AnnualRevenueAttributed> = {
  initialState: initialAnnualRevenueState,
  evolve: evolveAnnualRevenue,
  decide: decideAnnualRevenue,
};

/**
 * What a report changes in the yearly figures: its shop-month counts for the attribution it was
 * assessed under, and leaves the one it was attributed to before, if that differs (the seller
 * was identified since, or the operator view moved the shop).
 */
export function revenueAttributions(
  before: SalesState,
  report: { reportId: string; platformId: string; shopId: string; month: Month; lines: readonly SalesLine[]; attributionKey: string },
): AttributeRevenue[] {
  const base = {
    type: 'AttributeRevenue' as const,
    year: yearOf(report.month),
    platformId: report.platformId,
    shopId: report.shopId,
    month: report.month,
    reportId: report.reportId,
  };
  const commands: AttributeRevenue[] = [];
  const previousKey = before.reported ? before.attribution?.attributionKey : undefined;
  if (previousKey !== undefined && previousKey !== report.attributionKey) {
    commands.push({ ...base, attributionKey: previousKey, revenue: null });
  }
  commands.push({ ...base, attributionKey: report.attributionKey, revenue: revenueOf(report.lines) });
  return commands;
}
