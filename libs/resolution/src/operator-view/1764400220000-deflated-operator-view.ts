import { DialectMigration } from '@registry/event-store';

/**
 * The operator view stores each answer deflated (answer.codec.ts, issue 12), in a column of bytes:
 * the view kept as text is emptied, reads walk until the projection's next batch builds it again.
 * On SQLite the shops' table is stored by shop (WITHOUT ROWID): one B-tree instead of a table and
 * an index on the shop.
 */
const emptied = ['DELETE FROM operator_view_shops', 'DELETE FROM operator_view_operators', 'DELETE FROM operator_view_state'];

export class DeflatedOperatorView1764400220000 extends DialectMigration {
  readonly name = 'DeflatedOperatorView1764400220000';
  protected readonly sqlite = [
    'DELETE FROM operator_view_state',
    'DROP TABLE operator_view_operators',
    `CREATE TABLE operator_view_operators (
       operator_id TEXT PRIMARY KEY,
       answer BLOB NOT NULL,
       source_positions TEXT NOT NULL,
       truncated INTEGER NOT NULL)`,
    'DROP TABLE operator_view_shops',
    `CREATE TABLE operator_view_shops (
       shop TEXT PRIMARY KEY,
       operator_id TEXT NOT NULL) WITHOUT ROWID`,
    'CREATE INDEX operator_view_shops_operator ON operator_view_shops (operator_id)',
  ];
  protected readonly postgres = [...emptied, `ALTER TABLE operator_view_operators ALTER COLUMN answer TYPE BYTEA USING convert_to(answer, 'UTF8')`];
  protected override readonly sqliteDown = emptied;
  protected override readonly postgresDown = [...emptied, `ALTER TABLE operator_view_operators ALTER COLUMN answer TYPE TEXT USING encode(answer, 'escape')`];
}
