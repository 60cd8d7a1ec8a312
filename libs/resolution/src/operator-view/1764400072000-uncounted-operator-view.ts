import { DialectMigration } from '@registry/event-store';

/**
 * The operator view keeps each answer without its lead and hub counts, which reads take (issue 12):
 * a view kept in the old form is emptied, reads walk until the projection's next batch builds it again.
 */
const emptied = ['DELETE FROM operator_view_shops', 'DELETE FROM operator_view_operators', 'DELETE FROM operator_view_state'];

export class UncountedOperatorView1764400072000 extends DialectMigration {
  readonly name = 'UncountedOperatorView1764400072000';
  protected readonly sqlite = emptied;
  protected readonly postgres = emptied;
  protected override readonly sqliteDown = emptied;
  protected override readonly postgresDown = emptied;
}
