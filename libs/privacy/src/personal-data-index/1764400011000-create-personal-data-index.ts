import { DialectMigration } from '@registry/event-store';

const tables = (timestamp: string) => [
  `CREATE TABLE personal_data_records (
     key_id TEXT PRIMARY KEY,
     stream TEXT NOT NULL,
     role TEXT NOT NULL,
     platform_id TEXT,
     shop_id TEXT,
     shop_closed_at ${timestamp})`,
  'CREATE INDEX personal_data_records_stream ON personal_data_records (stream)',
  `CREATE TABLE personal_data_index (
     key_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     blind_index TEXT NOT NULL,
     PRIMARY KEY (key_id, kind, blind_index))`,
  'CREATE INDEX personal_data_index_lookup ON personal_data_index (kind, blind_index)',
];

export class CreatePersonalDataIndex1764400011000 extends DialectMigration {
  readonly name = 'CreatePersonalDataIndex1764400011000';
  protected readonly sqlite = tables('TEXT');
  protected readonly postgres = tables('TIMESTAMPTZ');
}
