import { DialectMigration } from '@registry/event-store';
import { everyKeyShopsAt } from './key-shops.sql';

/**
 * The operator view keeps how many shops state each identifier (key-shops.sql.ts, issue 12), so that
 * a read looks up the sizes of its leads and hubs instead of counting them. A view already built
 * gets its counts at its point here; one not built yet gets them with it.
 */
const tables = [
  `CREATE TABLE operator_view_key_shops (
     key INTEGER PRIMARY KEY,
     shops INTEGER NOT NULL)`,
  `INSERT INTO operator_view_key_shops (key, shops) ${everyKeyShopsAt('(SELECT position FROM operator_view_state WHERE id = 1)')}`,
];

export class KeyShopsInOperatorView1764400210000 extends DialectMigration {
  readonly name = 'KeyShopsInOperatorView1764400210000';
  protected readonly sqlite = tables;
  protected readonly postgres = tables;
  protected override readonly sqliteDown = ['DROP TABLE operator_view_key_shops'];
  protected override readonly postgresDown = this.sqliteDown;
}
