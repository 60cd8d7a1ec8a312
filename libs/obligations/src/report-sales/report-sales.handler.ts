import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, ConcurrencyError, NewEvent, SqlDatabase, SqlEventStore, loadState, seededEventId, timeOrderedId } from '@registry/event-store';
import { DomainEvent } from '@registry/shared-kernel';
import { OperatorOfShop } from '../attribution/operator-of-shop';
import {
  ObligationAssessed,
  ReportSales,
  RuleTable,
  SalesEvent,
  SalesLine,
  TaxCategory,
  annualRevenueDecider,
  annualRevenueStream,
  parseDong,
  revenueAttributions,
  salesDecider,
  salesStream,
} from '../domain';
import { ShopIdentity } from '../shop-identity/shop-identity';
import { WITHHOLDING_RULES } from '../withholding-rules/withholding-rules.provider';
import { KeyedQueue } from './keyed-queue';
import { ReportSalesDto } from './report-sales.dto';

export class ReportSalesCommand {
  constructor(
    readonly platformId: string,
    readonly input: ReportSalesDto,
    /** Derived from the Idempotency-Key when there is one, so a retried request names the same report. */
    readonly reportId: string,
    readonly context: CommandContext,
  ) {}
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

const RETRIES = 5;

/**
 * Records a report and its assessment, and moves the yearly figures, in one transaction: the
 * month's stream and the attribution's yearly stream(s) commit together or not at all.
 */
@CommandHandler(ReportSalesCommand)
export class ReportSalesHandler implements ICommandHandler<ReportSalesCommand, SalesReportResult> {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: SqlEventStore,
    private readonly db: SqlDatabase,
    private readonly shops: ShopIdentity,
    private readonly operators: OperatorOfShop,
    @Inject(WITHHOLDING_RULES) private readonly rules: RuleTable,
  ) {}

  async execute({ platformId, input, reportId, context }: ReportSalesCommand): Promise<SalesReportResult> {
    const { shopId, month } = input;
    for (let attempt = 0; ; attempt++) {
      const seller = await this.shops.sellerOf(platformId, shopId, month);
      const attributionKey = await this.operators.attributionKey({ platformId, shopId }, seller);
      try {
        return await this.queue.run(attributionKey, async () => {
          const stream = salesStream(platformId, shopId, month);
          const sales = await loadState(this.store, stream, salesDecider);
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
            now: new Date(),
          };
          const events = salesDecider.decide(command, sales.state);
          if (events.length === 0) return summarize(currentReport(sales.events as unknown as SalesEvent[]), false, sales.version);

          const yearly = await Promise.all(
            revenueAttributions(sales.state, { ...command, seller: seller.identified ? seller.taxId : undefined }).map(async (attribute) => {
              const yearStream = annualRevenueStream(attribute.attributionKey, attribute.year);
              const year = await loadState(this.store, yearStream, annualRevenueDecider);
              return { stream: yearStream, version: year.version, events: annualRevenueDecider.decide(attribute, year.state) };
            }),
          );
          const ids = this.idsFor(context);
          const appended = await this.db.write(async (tx) => {
            const result = await this.store.appendWithin(tx, stream, events.map((e) => this.toNew(e, ids, context)), sales.version || 'no_stream');
            for (const year of yearly) {
              if (year.events.length > 0) {
                await this.store.appendWithin(tx, year.stream, year.events.map((e) => this.toNew(e, ids, context)), year.version || 'no_stream');
              }
            }
            return result;
          });
          // After the commit, so followers in this process (the relay, projections) read it at once.
          this.store.signal.notify(events.length);
          return summarize(events, true, appended.nextVersion);
        });
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= RETRIES) throw error;
      }
    }
  }

  /** Event ids from the request's idempotency seed (a retry stores nothing twice), else fresh time-ordered ids. */
  private idsFor(context: CommandContext): () => string {
    let n = 0;
    return () => (context.idSeed ? seededEventId(context.idSeed, n++) : timeOrderedId());
  }

  private toNew(event: DomainEvent, nextId: () => string, context: CommandContext): NewEvent {
    return { id: nextId(), type: event.type, data: event.data, metadata: context.metadata };
  }
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
  const sum = (pick: (a: ObligationAssessed['data']) => string) => assessed.reduce((total, a) => total + BigInt(pick(a)), 0n).toString();
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
      base: sum((a) => a.base),
      vatDue: sum((a) => a.vat.due),
      pitDue: sum((a) => a.pit.due),
      shortfall: sum((a) => (BigInt(a.vat.shortfall) + BigInt(a.pit.shortfall)).toString()),
    },
  };
}
