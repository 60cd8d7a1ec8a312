import { DialectMigration } from '@registry/event-store';

/**
 * The operator-revenue worker's own state (not a read model: it is what the worker has told the
 * tax office from): each shop-month's net revenue and the seller it is attributed to, and the
 * operator each shop with revenue was last counted under.
 */
const tables = [
  `CREATE TABLE tax_shop_month_revenue (
     shop TEXT NOT NULL,
     month TEXT NOT NULL,
     year INTEGER NOT NULL,
     attribution_key TEXT NOT NULL,
     revenue TEXT NOT NULL,
     PRIMARY KEY (shop, month))`,
  'CREATE TABLE tax_operator_of_shop (shop TEXT PRIMARY KEY, operator_id TEXT NOT NULL)',
  'CREATE INDEX tax_operator_of_shop_operator ON tax_operator_of_shop (operator_id)',
];

export class CreateOperatorRevenueState1764400040000 extends DialectMigration {
  readonly name = 'CreateOperatorRevenueState1764400040000';
  protected readonly sqlite = tables;
  protected readonly postgres = tables;
}
