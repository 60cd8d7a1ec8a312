import { DialectMigration } from '@registry/event-store';

const columns = (timestamp: string) => `
  platform_id TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  category TEXT,
  status TEXT NOT NULL,
  claims INTEGER NOT NULL,
  version INTEGER NOT NULL,
  registered_at ${timestamp} NOT NULL,
  updated_at ${timestamp} NOT NULL,
  PRIMARY KEY (platform_id, shop_id)`;

export class CreateShopDirectory1764400002000 extends DialectMigration {
  readonly name = 'CreateShopDirectory1764400002000';
  protected readonly sqlite = [`CREATE TABLE shop_directory (${columns('TEXT')})`];
  protected readonly postgres = [`CREATE TABLE shop_directory (${columns('TIMESTAMPTZ')})`];
}
