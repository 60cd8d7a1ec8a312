import { DialectMigration } from '@registry/event-store';

/**
 * A personal tax code (12 digits: the holder's personal ID number) is now indexed as the national ID
 * it is, so that erasing a person by their ID number also finds the records where they gave it as
 * their tax code: emptied here, the projection rebuilds the index from the events on start.
 */
const rebuild = [
  'DELETE FROM personal_data_index',
  'DELETE FROM personal_data_records',
  "DELETE FROM projection_checkpoints WHERE name = 'personal-data-index'",
];

export class PersonalTaxCodesIndexedAsNationalIds1764400341000 extends DialectMigration {
  readonly name = 'PersonalTaxCodesIndexedAsNationalIds1764400341000';
  protected readonly sqlite = rebuild;
  protected readonly postgres = rebuild;
}
