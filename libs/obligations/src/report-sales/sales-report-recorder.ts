import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, EventStore, NewEvent, runCommand, seededEventId, timeOrderedId } from '@registry/event-store';
import { DomainError, DomainEvent } from '@registry/shared-kernel';
import { SellerAttribution } from '../attribution/seller-attribution';
import {
  AnnualRevenueState,
  ObligationAssessed,
  ReportSales,
  RuleTable,
  SalesEvent,
  SalesLine,
  SalesState,
  SellerIdentity,
  SellerState,
  TaxCategory,
  annualRevenueDecider,
  annualRevenueStream,
  parseDong,
  revenueAttributions,
  salesDecider,
  salesStream,
  sellerDecider,
  sellerStream,
  yearOf,
} from '../domain';
import { ShopIdentity } from '../shop-identity/shop-identity';
import { WITHHOLDING_RULES } from '../withholding-rules/withholding-rules.provider';
import { StreamStates } from './stream-states';
import { ReportSalesDto } from './report-sales.dto';

/** One report as received: the platform it comes from, the request, its report id and provenance. */
export interface SalesReportItem {
  readonly platformId: string;
  readonly input: ReportSalesDto;
  /** Derived from the Idempotency-Key when there is one, so a retried request names the same report. */
  readonly reportId: string;
  readonly context: CommandContext;
}

export interface AssessedLine {
  readonly category: TaxCategory;
  readonly withdrawn: boolean;
  readonly base: string;
  readonly vat: { readonly ratePercent: string; readonly due: string; readonly withheld: string; readonly shortfall: string };
  readonly pit: { readonly ratePercent: string; readonly due: string; readonly withheld: string; readonly shortfall: string };
}

export interface SalesReportResult {
  readonly platformId: string;
  readonly shopId: string;
  readonly month: string;
  /** The month's current report: this one, or the earlier identical one when nothing changed. */
  readonly reportId: string;
  readonly supersedes: string | null;
  readonly changed: boolean;
  /** The version of the month's stream. */
  readonly version: number;
  readonly identified: boolean;
  readonly attributionKey: string;
  readonly ruleVersion: string;
  readonly dueDate: string;
  readonly lines: readonly AssessedLine[];
  readonly totals: { readonly base: string; readonly vatDue: string; readonly pitDue: string; readonly shortfall: string };
}

export type SalesReportOutcome = { readonly ok: true; readonly result: SalesReportResult } | { readonly ok: false; readonly error: DomainError };

const ATTEMPTS = 8;

/** A stream as the reports of one batch leave it: read once, then every decision sees the ones before. */
interface Pending<S> {
  readonly expected: number;
  state: S;
  readonly appended: NewEvent[];
}

/**
 * Records reports with their assessments and the yearly figures they move. A batch (one report, or
 * a slice of a bulk request) is decided in memory, each report on the streams as the earlier ones
 * left them, and appended in one transaction: every report's month stream and yearly streams
 * commit together or not at all. A concurrent writer on one of the streams makes the whole batch
 * decide again on fresh state. A report the domain refuses is left out with its error.
 */
@Injectable()
export class SalesReportRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly shops: ShopIdentity,
    private readonly operators: SellerAttribution,
    private readonly states: StreamStates,
    @Inject(WITHHOLDING_RULES) private readonly rules: RuleTable,
  ) {}

  async record(items: readonly SalesReportItem[]): Promise<SalesReportOutcome[]> {
    const { result } = await runCommand(
      this.store,
      async () => {
        const { outcomes, streams } = await this.decide(items);
        const changed = [...streams].filter(([, pending]) => pending.appended.length > 0);
        return {
          changes: changed.map(([stream, pending]) => ({ stream, version: pending.expected, events: pending.appended })),
          result: { outcomes, changed },
        };
      },
      { retries: ATTEMPTS - 1 },
    );
    for (const [stream, pending] of result.changed) this.states.remember(stream, pending.state, pending.expected + pending.appended.length);
    return result.outcomes;
  }

  private async decide(items: readonly SalesReportItem[]) {
    const now = new Date();
    // Round one, for every report at once: who is behind each shop, and each month's stream.
    const [sellers, sales] = await Promise.all([
      this.shops.sellersOf(items.map(({ platformId, input }) => ({ platformId, shopId: input.shopId, month: input.month }))),
      this.states.loadMany(
        items.map(({ platformId, input }) => salesStream(platformId, input.shopId, input.month)),
        salesDecider,
      ),
    ]);
    const keys = await Promise.all(
      items.map(({ platformId, input }, i) => {
        const seller = sellers[i];
        return seller instanceof DomainError ? null : this.operators.attributionKey({ platformId, shopId: input.shopId }, seller);
      }),
    );
    // Round two: the streams of the sellers those shops are attributed to (and were, for a correction).
    const yearStreams: string[] = [];
    const sellerStreams: string[] = [];
    items.forEach(({ platformId, input }, i) => {
      const key = keys[i];
      if (key === null) return;
      const year = yearOf(input.month);
      yearStreams.push(annualRevenueStream(key, year));
      const before = sales.get(salesStream(platformId, input.shopId, input.month))!.state;
      if (before.reported && before.attribution) yearStreams.push(annualRevenueStream(before.attribution.attributionKey, year));
      if ((sellers[i] as SellerIdentity).identified) sellerStreams.push(sellerStream(key));
    });
    const [years, named] = await Promise.all([this.states.loadMany(yearStreams, annualRevenueDecider), this.states.loadMany(sellerStreams, sellerDecider)]);

    const streams = new Map<string, Pending<unknown>>();
    const pending = <S>(stream: string, loaded: ReadonlyMap<string, { state: S; version: number }>): Pending<S> => {
      let entry = streams.get(stream) as Pending<S> | undefined;
      if (!entry) {
        const { state, version } = loaded.get(stream)!;
        entry = { expected: version, state, appended: [] };
        streams.set(stream, entry);
      }
      return entry;
    };
    const outcomes: SalesReportOutcome[] = [];
    for (const [i, item] of items.entries()) {
      const seller = sellers[i];
      try {
        if (seller instanceof DomainError) throw seller;
        const streamsOf: DecisionStreams = {
          sales: (stream) => pending(stream, sales),
          year: (stream) => pending(stream, years),
          seller: (stream) => pending(stream, named),
        };
        outcomes.push({ ok: true, result: await this.decideOne(item, seller, keys[i]!, now, streamsOf) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return { outcomes, streams };
  }

  private async decideOne(
    { platformId, input, reportId, context }: SalesReportItem,
    seller: SellerIdentity,
    attributionKey: string,
    now: Date,
    streams: DecisionStreams,
  ): Promise<SalesReportResult> {
    const { shopId, month } = input;
    // Whom the key stands for comes first in the log (streams append in the order first touched), before the obligations that use it.
    const named = seller.identified ? streams.seller(sellerStream(attributionKey)) : undefined;
    const sales = streams.sales(salesStream(platformId, shopId, month));
    const command: ReportSales = {
      type: 'ReportSales',
      reportId,
      platformId,
      shopId,
      month,
      sellerResident: input.sellerResident,
      lines: input.lines.map(toLine),
      corrects: input.corrects ?? null,
      seller,
      attributionKey,
      rules: this.rules,
      now,
    };
    const events = salesDecider.decide(command, sales.state);
    if (events.length === 0) {
      const stored = await this.store.readStream(salesStream(platformId, shopId, month));
      return summarize(currentReport(stored as unknown as SalesEvent[]), false, sales.expected);
    }
    const naming = named && seller.identified ? sellerDecider.decide({ type: 'IdentifySeller', attributionKey, seller: seller.taxId }, named.state) : [];
    const yearly = revenueAttributions(sales.state, command).map((attribute) => {
      const year = streams.year(annualRevenueStream(attribute.attributionKey, attribute.year));
      return { year, events: annualRevenueDecider.decide(attribute, year.state) };
    });
    const nextId = idsFor(context);
    const apply = <S, E extends DomainEvent>(target: Pending<S>, decided: readonly E[], evolve: (s: S, e: E) => S) => {
      target.appended.push(...decided.map((e) => ({ id: nextId(), type: e.type, data: e.data, metadata: context.metadata })));
      target.state = decided.reduce(evolve, target.state);
    };
    if (named) apply(named, naming, sellerDecider.evolve);
    apply(sales, events, salesDecider.evolve);
    for (const { year, events: yearEvents } of yearly) apply(year, yearEvents, annualRevenueDecider.evolve);
    return summarize(events, true, sales.expected + sales.appended.length);
  }
}

/** The streams a report's decision reads and writes, as the earlier reports of the batch left them. */
interface DecisionStreams {
  sales(stream: string): Pending<SalesState>;
  year(stream: string): Pending<AnnualRevenueState>;
  seller(stream: string): Pending<SellerState>;
}

/** Event ids from the request's idempotency seed (a retry stores nothing twice), else fresh time-ordered ids. */
function idsFor(context: CommandContext): () => string {
  let n = 0;
  return () => (context.idSeed ? seededEventId(context.idSeed, n++) : timeOrderedId());
}

function toLine(line: ReportSalesDto['lines'][number]): SalesLine {
  const amount = (value: number | string) => parseDong(value) as bigint;
  return {
    category: line.category,
    grossRevenue: amount(line.grossRevenue),
    cancellationsAndReturns: amount(line.cancellationsAndReturns),
    vatWithheld: amount(line.vatWithheld),
    pitWithheld: amount(line.pitWithheld),
  };
}

/** The events of the month's current report: the last SalesReported and what followed it. */
function currentReport(events: readonly SalesEvent[]): SalesEvent[] {
  const start = events.map((e) => e.type).lastIndexOf('SalesReported');
  return events.slice(start);
}

function summarize(events: readonly SalesEvent[], changed: boolean, version: number): SalesReportResult {
  const reported = events[0] as Extract<SalesEvent, { type: 'SalesReported' }>;
  const assessed = events.filter((e): e is ObligationAssessed => e.type === 'ObligationAssessed').map((e) => e.data);
  const sum = (pick: (a: ObligationAssessed['data']) => bigint) => assessed.reduce((total, a) => total + pick(a), 0n).toString();
  const first = assessed[0];
  return {
    platformId: reported.data.platformId,
    shopId: reported.data.shopId,
    month: reported.data.month,
    reportId: reported.data.reportId,
    supersedes: reported.data.supersedes,
    changed,
    version,
    identified: first.identified,
    attributionKey: first.attributionKey,
    ruleVersion: first.ruleVersion,
    dueDate: first.dueDate,
    lines: assessed.map((a) => ({ category: a.category, withdrawn: a.withdrawn, base: a.base, vat: a.vat, pit: a.pit })),
    totals: {
      base: sum((a) => BigInt(a.base)),
      vatDue: sum((a) => BigInt(a.vat.due)),
      pitDue: sum((a) => BigInt(a.pit.due)),
      shortfall: sum((a) => BigInt(a.vat.shortfall) + BigInt(a.pit.shortfall)),
    },
  };
}
