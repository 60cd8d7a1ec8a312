import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A CloudEvent as the registry sends it (structured mode): only what this consumer reads. */
export interface ReceivedEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly partitionkey: string;
  readonly sequence: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly contentType: string | null;
}

/**
 * The tax office's own tables. Every event is kept once, by its CloudEvents id (the primary key of
 * received_events): a redelivered duplicate inserts nothing and changes nothing. From the events:
 * whom each attribution key stands for (sellers), the latest assessment per shop, month and
 * category (obligations), and the yearly figures, joined by the attribution key. The highest
 * sequence wins, so an older event arriving late never overwrites a newer one.
 */
export class ObligationStore {
  private readonly db: Database.Database;
  private readonly keep: (event: ReceivedEvent, delivery: Delivery, body: string) => boolean;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS received_events (
        event_id TEXT PRIMARY KEY, type TEXT NOT NULL, subject TEXT NOT NULL, partition_key TEXT NOT NULL, sequence TEXT NOT NULL,
        time TEXT NOT NULL, topic TEXT NOT NULL, kafka_partition INTEGER NOT NULL, kafka_offset TEXT NOT NULL, kafka_key TEXT,
        content_type TEXT, body TEXT NOT NULL, received_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS obligations (
        platform_id TEXT NOT NULL, shop_id TEXT NOT NULL, month TEXT NOT NULL, category TEXT NOT NULL,
        report_id TEXT NOT NULL, attribution_key TEXT NOT NULL, identified INTEGER NOT NULL, base TEXT NOT NULL,
        vat_due TEXT NOT NULL, pit_due TEXT NOT NULL, vat_shortfall TEXT NOT NULL, pit_shortfall TEXT NOT NULL,
        rule_version TEXT NOT NULL, due_date TEXT NOT NULL, withdrawn INTEGER NOT NULL, event_id TEXT NOT NULL, sequence TEXT NOT NULL,
        PRIMARY KEY (platform_id, shop_id, month, category));
      CREATE TABLE IF NOT EXISTS sellers (
        attribution_key TEXT PRIMARY KEY, tax_code TEXT, national_id TEXT, erased INTEGER NOT NULL, event_id TEXT NOT NULL, sequence TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS annual_revenue (
        attribution_key TEXT NOT NULL, year INTEGER NOT NULL, revenue TEXT NOT NULL, shops INTEGER NOT NULL, platforms INTEGER NOT NULL,
        event_id TEXT NOT NULL, sequence TEXT NOT NULL, PRIMARY KEY (attribution_key, year));
      CREATE TABLE IF NOT EXISTS operator_revenue (
        operator_id TEXT NOT NULL, year INTEGER NOT NULL, revenue TEXT NOT NULL, shops INTEGER NOT NULL, platforms INTEGER NOT NULL,
        sellers TEXT NOT NULL, event_id TEXT NOT NULL, sequence TEXT NOT NULL, PRIMARY KEY (operator_id, year));`);
    const receive = this.db.prepare(
      `INSERT INTO received_events VALUES (@id, @type, @subject, @partitionkey, @sequence, @time, @topic, @partition, @offset, @key, @contentType, @body, @receivedAt)
       ON CONFLICT (event_id) DO NOTHING`,
    );
    const obligation = this.db.prepare(
      `INSERT INTO obligations VALUES (@platformId, @shopId, @month, @category, @reportId, @attributionKey, @identified, @base,
         @vatDue, @pitDue, @vatShortfall, @pitShortfall, @ruleVersion, @dueDate, @withdrawn, @eventId, @sequence)
       ON CONFLICT (platform_id, shop_id, month, category) DO UPDATE SET
         report_id = excluded.report_id, attribution_key = excluded.attribution_key, identified = excluded.identified, base = excluded.base,
         vat_due = excluded.vat_due, pit_due = excluded.pit_due, vat_shortfall = excluded.vat_shortfall, pit_shortfall = excluded.pit_shortfall,
         rule_version = excluded.rule_version, due_date = excluded.due_date, withdrawn = excluded.withdrawn,
         event_id = excluded.event_id, sequence = excluded.sequence
       WHERE excluded.sequence > obligations.sequence`,
    );
    const annual = this.db.prepare(
      `INSERT INTO annual_revenue VALUES (@attributionKey, @year, @revenue, @shops, @platforms, @eventId, @sequence)
       ON CONFLICT (attribution_key, year) DO UPDATE SET revenue = excluded.revenue, shops = excluded.shops, platforms = excluded.platforms,
         event_id = excluded.event_id, sequence = excluded.sequence
       WHERE excluded.sequence > annual_revenue.sequence`,
    );
    const operator = this.db.prepare(
      `INSERT INTO operator_revenue VALUES (@operatorId, @year, @revenue, @shops, @platforms, @sellers, @eventId, @sequence)
       ON CONFLICT (operator_id, year) DO UPDATE SET revenue = excluded.revenue, shops = excluded.shops, platforms = excluded.platforms,
         sellers = excluded.sellers, event_id = excluded.event_id, sequence = excluded.sequence
       WHERE excluded.sequence > operator_revenue.sequence`,
    );
    const seller = this.db.prepare(
      `INSERT INTO sellers VALUES (@attributionKey, @taxCode, @nationalId, @erased, @eventId, @sequence)
       ON CONFLICT (attribution_key) DO UPDATE SET tax_code = excluded.tax_code, national_id = excluded.national_id, erased = excluded.erased,
         event_id = excluded.event_id, sequence = excluded.sequence
       WHERE excluded.sequence > sellers.sequence`,
    );
    this.keep = this.db.transaction((event: ReceivedEvent, delivery: Delivery, body: string): boolean => {
      const fresh = receive.run({ ...event, ...delivery, body, receivedAt: new Date().toISOString() }).changes === 1;
      if (!fresh) return false;
      const d = event.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a CloudEvent's data, checked against its JSON schema where it is published
      if (event.type.endsWith('.seller-identified.v1')) {
        seller.run({
          attributionKey: d.attributionKey,
          taxCode: d.seller.taxCode ?? null,
          nationalId: d.seller.nationalId ?? null,
          erased: d.seller.erased ? 1 : 0,
          eventId: event.id,
          sequence: event.sequence,
        });
      } else if (event.type.endsWith('.obligation-assessed.v1')) {
        obligation.run({
          platformId: d.platformId,
          shopId: d.shopId,
          month: d.month,
          category: d.category,
          reportId: d.reportId,
          attributionKey: d.attributionKey,
          identified: d.identified ? 1 : 0,
          base: d.base,
          vatDue: d.vat.due,
          pitDue: d.pit.due,
          vatShortfall: d.vat.shortfall,
          pitShortfall: d.pit.shortfall,
          ruleVersion: d.ruleVersion,
          dueDate: d.dueDate,
          withdrawn: d.withdrawn ? 1 : 0,
          eventId: event.id,
          sequence: event.sequence,
        });
      } else if (event.type.endsWith('.annual-revenue-attributed.v1')) {
        annual.run({
          attributionKey: d.attributionKey,
          year: d.year,
          revenue: d.revenue,
          shops: d.shops,
          platforms: d.platforms,
          eventId: event.id,
          sequence: event.sequence,
        });
      } else if (event.type.endsWith('.operator-revenue-attributed.v1')) {
        operator.run({
          operatorId: d.operatorId,
          year: d.year,
          revenue: d.revenue,
          shops: d.shops,
          platforms: d.platforms,
          sellers: JSON.stringify(d.sellers.map((s: { attributionKey: string }) => s.attributionKey)),
          eventId: event.id,
          sequence: event.sequence,
        });
      }
      return true;
    });
  }

  /** Stores an event unless it was stored before; false for a duplicate. */
  store(event: ReceivedEvent, delivery: Delivery, body: string): boolean {
    return this.keep(event, delivery, body);
  }

  /** In the order they arrived (rowid), which within a partition is the order Kafka kept. */
  received(): Array<{
    event_id: string;
    type: string;
    partition_key: string;
    sequence: string;
    topic: string;
    kafka_key: string | null;
    content_type: string | null;
    body: string;
  }> {
    return this.db.prepare('SELECT * FROM received_events ORDER BY rowid').all() as never;
  }

  obligations(): Array<Record<string, string | number>> {
    return this.db.prepare('SELECT * FROM obligations ORDER BY platform_id, shop_id, month, category').all() as never;
  }

  sellers(): Array<Record<string, string | number | null>> {
    return this.db.prepare('SELECT * FROM sellers ORDER BY attribution_key').all() as never;
  }

  annualRevenue(): Array<Record<string, string | number>> {
    return this.db.prepare('SELECT * FROM annual_revenue ORDER BY attribution_key, year').all() as never;
  }

  /** The real operators' yearly figures, each with the sellers (attribution keys) whose revenue it holds. */
  operatorRevenue(): Array<Record<string, string | number>> {
    return this.db.prepare('SELECT * FROM operator_revenue ORDER BY operator_id, year').all() as never;
  }

  close(): void {
    this.db.close();
  }
}
