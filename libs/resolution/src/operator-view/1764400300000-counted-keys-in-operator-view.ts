import { DialectMigration } from '@registry/event-store';

/**
 * Each operator of the view keeps the numbers (in `resolution_names`) of the keys its answer counts,
 * so that a read takes their counts in the statement that reads the row (operator-view.store.ts,
 * issue 12). Rows written before hold none (NULL) and are counted by name, as before, until the view
 * writes them again.
 */
const add = ['ALTER TABLE operator_view_operators ADD COLUMN counted_keys TEXT'];
const drop = ['ALTER TABLE operator_view_operators DROP COLUMN counted_keys'];

export class CountedKeysInOperatorView1764400300000 extends DialectMigration {
  readonly name = 'CountedKeysInOperatorView1764400300000';
  protected readonly sqlite = add;
  protected readonly postgres = add;
  protected override readonly sqliteDown = drop;
  protected override readonly postgresDown = drop;
}
