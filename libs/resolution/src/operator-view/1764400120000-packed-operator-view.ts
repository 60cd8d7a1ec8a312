import { DialectMigration } from '@registry/event-store';

/**
 * The operator view stores each answer in its compact form (answer.codec.ts, issue 12): a view kept
 * as JSON is emptied, reads walk until the projection's next batch builds it again in the new form.
 */
const emptied = ['DELETE FROM operator_view_shops', 'DELETE FROM operator_view_operators', 'DELETE FROM operator_view_state'];

export class PackedOperatorView1764400120000 extends DialectMigration {
  readonly name = 'PackedOperatorView1764400120000';
  protected readonly sqlite = emptied;
  protected readonly postgres = emptied;
  protected override readonly sqliteDown = emptied;
  protected override readonly postgresDown = emptied;
}
