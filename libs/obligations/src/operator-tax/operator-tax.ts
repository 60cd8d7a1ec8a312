import { Injectable } from '@nestjs/common';
import { EventStore, SqlDatabase, StoredEvent, rowsAmong } from '@registry/event-store';
import { IdentityGraphReader } from '@registry/resolution';
import { DomainError } from '@registry/shared-kernel';
import { Dong, ObligationAssessed, OperatorRevenueAttributed, SalesEvent, formatDong, operatorRevenueStream, parseDong, salesStream } from '../domain';

interface TaxTotals {
  due: Dong;
  withheld: Dong;
  shortfall: Dong;
}

interface Obligations {
  vat: TaxTotals;
  pit: TaxTotals;
}

const noTotals = (): Obligations => ({ vat: { due: 0n, withheld: 0n, shortfall: 0n }, pit: { due: 0n, withheld: 0n, shortfall: 0n } });
const dong = (value: string) => parseDong(value) ?? 0n;

function add(into: Obligations, event: ObligationAssessed): void {
  for (const tax of ['vat', 'pit'] as const) {
    into[tax].due += dong(event.data[tax].due);
    into[tax].withheld += dong(event.data[tax].withheld);
    into[tax].shortfall += dong(event.data[tax].shortfall);
  }
}

const formatted = (o: Obligations) => ({
  vat: { due: formatDong(o.vat.due), withheld: formatDong(o.vat.withheld), shortfall: formatDong(o.vat.shortfall) },
  pit: { due: formatDong(o.pit.due), withheld: formatDong(o.pit.withheld), shortfall: formatDong(o.pit.shortfall) },
});

/** The assessments of a shop-month's current report (a correction supersedes the earlier ones). */
function currentAssessments(events: readonly SalesEvent[]): ObligationAssessed[] {
  const reports = events.filter((e) => e.type === 'SalesReported');
  const current = reports[reports.length - 1]?.data.reportId;
  return events.filter((e): e is ObligationAssessed => e.type === 'ObligationAssessed' && e.data.reportId === current);
}

/**
 * An operator's tax picture, per year, from what the obligations context keeps: the operator-revenue
 * worker's shop-months (net revenue of every shop it counts under the operator, on every platform),
 * the last figure it sent the tax office, and the obligations assessed for those shop-months (due
 * under the rule table, withheld as the platform reported, the shortfall between them).
 */
@Injectable()
export class OperatorTax {
  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly graph: IdentityGraphReader,
  ) {}

  async of(shop: string, year: number | undefined) {
    const point = await this.graph.pointOf();
    const operatorId = await this.operatorOf(shop);
    const shops = (await this.db.reader.rows<{ shop: string }>('SELECT shop FROM tax_operator_of_shop WHERE operator_id = $1 ORDER BY shop', [operatorId])).map(
      (row) => row.shop,
    );
    const shopMonths = (
      await rowsAmong<{ shop: string; month: string; year: number | string; revenue: string }>(
        this.db.reader,
        shops,
        (among) => `SELECT shop, month, year, revenue FROM tax_shop_month_revenue WHERE shop ${among}`,
      )
    )
      .map((row) => ({ ...row, year: Number(row.year) }))
      .filter((row) => year === undefined || row.year === year);
    const years = [...new Set(shopMonths.map((row) => row.year))].sort((a, b) => a - b);

    const sales = await this.store.readStreamsAfter(new Map(shopMonths.map((row) => [salesStreamOf(row.shop, row.month), 0])));
    const salesOf = new Map<string, SalesEvent[]>();
    for (const event of sales) salesOf.set(event.stream, [...(salesOf.get(event.stream) ?? []), event as unknown as SalesEvent]);
    const sent = await this.store.readStreamsAfter(new Map(years.map((y) => [operatorRevenueStream(operatorId, y), 0])));
    const lastSent = new Map<number, StoredEvent<'OperatorRevenueAttributed', OperatorRevenueAttributed['data']>>();
    for (const event of sent as StoredEvent<'OperatorRevenueAttributed', OperatorRevenueAttributed['data']>[]) lastSent.set(event.data.year, event);

    return {
      operatorId,
      shop,
      years: years.map((y) => {
        const byShop = new Map<string, { revenue: Dong; months: number; obligations: Obligations }>();
        for (const row of shopMonths.filter((r) => r.year === y)) {
          const entry = byShop.get(row.shop) ?? { revenue: 0n, months: 0, obligations: noTotals() };
          entry.revenue += BigInt(row.revenue);
          entry.months += 1;
          for (const assessed of currentAssessments(salesOf.get(salesStreamOf(row.shop, row.month)) ?? [])) add(entry.obligations, assessed);
          byShop.set(row.shop, entry);
        }
        const total = noTotals();
        for (const { obligations } of byShop.values()) {
          for (const tax of ['vat', 'pit'] as const) for (const k of ['due', 'withheld', 'shortfall'] as const) total[tax][k] += obligations[tax][k];
        }
        const members = [...byShop].sort(([a], [b]) => (a < b ? -1 : 1));
        const event = lastSent.get(y);
        return {
          year: y,
          revenue: formatDong(members.reduce((sum, [, m]) => sum + m.revenue, 0n)),
          platforms: new Set(members.map(([key]) => splitShop(key).platformId)).size,
          shops: members.map(([key, m]) => ({ ...splitShop(key), revenue: formatDong(m.revenue), shopMonths: m.months, ...formatted(m.obligations) })),
          obligations: formatted(total),
          sentToTaxOffice: event
            ? { revenue: event.data.revenue, sellers: event.data.sellers, graphPosition: event.data.graphPosition, recordedAt: event.recordedAt }
            : null,
        };
      }),
      point,
      subjects: { shops, persons: [] },
    };
  }

  /**
   * The operator the worker counts the shop under (the figures are the ones it sent); a shop with no
   * revenue yet, the one the graph groups it under now, and a shop the graph does not know is not found.
   */
  private async operatorOf(shop: string): Promise<string> {
    const [counted] = await this.db.reader.rows<{ operator_id: string }>('SELECT operator_id FROM tax_operator_of_shop WHERE shop = $1', [shop]);
    if (counted) return counted.operator_id;
    const found = await this.graph.operatorOf(shop, undefined);
    if (!found.operator) throw DomainError.notFound(`shop ${shop} at position ${found.point.position}`);
    return found.operator.operatorId;
  }
}

function splitShop(key: string) {
  const at = key.indexOf(':');
  return { platformId: key.slice(0, at), shopId: key.slice(at + 1) };
}

const salesStreamOf = (shop: string, month: string) => {
  const { platformId, shopId } = splitShop(shop);
  return salesStream(platformId, shopId, month);
};
