import { DialectMigration } from '@registry/event-store';

/**
 * The index now also holds the blind index of each record's names and addresses (erasing a
 * person finds their payout account in their own name on the same shop, and reports what it
 * erased by kind): emptied here, the projection rebuilds it from the events on start.
 */
const rebuild = [
  'DELETE FROM personal_data_index',
  'DELETE FROM personal_data_records',
  "DELETE FROM projection_checkpoints WHERE name = 'personal-data-index'",
];

export class IndexNamesAndAddresses1764400014000 extends DialectMigration {
  readonly name = 'IndexNamesAndAddresses1764400014000';
  protected readonly sqlite = rebuild;
  protected readonly postgres = rebuild;
}
