import { DialectMigration } from '@registry/event-store';

/**
 * Indexes that match the queries, and no more: every index is one more page written per
 * registration. Records are found by shop (closing a shop, erasing it) and, for retention, among
 * closed shops only (a partial index, empty for open shops, so free when registering). Data keys
 * are found by key id and scope; master-key rotation scans them in key order instead of keeping
 * an index that every new key would touch. On SQLite the blind index is stored as its own
 * primary key (WITHOUT ROWID), one B-tree instead of a table and an index.
 */
const common = [
  'DROP INDEX data_keys_master',
  'DROP INDEX personal_data_records_stream',
  'CREATE INDEX personal_data_records_shop ON personal_data_records (platform_id, shop_id)',
  'CREATE INDEX personal_data_records_closed ON personal_data_records (role, shop_closed_at) WHERE shop_closed_at IS NOT NULL',
];

export class LeanerPrivacyIndexes1764400012000 extends DialectMigration {
  readonly name = 'LeanerPrivacyIndexes1764400012000';
  protected readonly postgres = common;
  protected readonly sqlite = [
    ...common,
    `CREATE TABLE personal_data_index_new (
       key_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       blind_index TEXT NOT NULL,
       PRIMARY KEY (key_id, kind, blind_index)) WITHOUT ROWID`,
    'INSERT INTO personal_data_index_new (key_id, kind, blind_index) SELECT key_id, kind, blind_index FROM personal_data_index',
    'DROP TABLE personal_data_index',
    'ALTER TABLE personal_data_index_new RENAME TO personal_data_index',
    'CREATE INDEX personal_data_index_lookup ON personal_data_index (kind, blind_index)',
  ];
}
