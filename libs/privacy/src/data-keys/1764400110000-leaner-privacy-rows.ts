import { DialectMigration } from '@registry/event-store';

/**
 * Fewer bytes per data key and per personal-data record (issue 12). Two columns nothing reads
 * are dropped: a key's `created_at` (its id starts with the time it was made, in both forms) and
 * a record's `stream` (its shop is in `platform_id` and `shop_id`). On SQLite both tables are
 * stored by their key id (WITHOUT ROWID): one B-tree instead of a table and an index on the id.
 * Rows move as they are; no key is re-wrapped.
 */
export class LeanerPrivacyRows1764400110000 extends DialectMigration {
  readonly name = 'LeanerPrivacyRows1764400110000';
  protected readonly postgres = ['ALTER TABLE data_keys DROP COLUMN created_at', 'ALTER TABLE personal_data_records DROP COLUMN stream'];
  protected readonly sqlite = [
    `CREATE TABLE data_keys_new (
       key_id TEXT PRIMARY KEY,
       scope TEXT NOT NULL,
       wrapped TEXT,
       master_key_id TEXT,
       destroyed_at TEXT,
       legal_ground TEXT,
       finalized_at TEXT) WITHOUT ROWID`,
    `INSERT INTO data_keys_new (key_id, scope, wrapped, master_key_id, destroyed_at, legal_ground, finalized_at)
       SELECT key_id, scope, wrapped, master_key_id, destroyed_at, legal_ground, finalized_at FROM data_keys`,
    'DROP TABLE data_keys',
    'ALTER TABLE data_keys_new RENAME TO data_keys',
    'CREATE INDEX data_keys_scope ON data_keys (scope)',
    'CREATE INDEX data_keys_finality_pending ON data_keys (key_id) WHERE destroyed_at IS NOT NULL AND finalized_at IS NULL',
    `CREATE TABLE personal_data_records_new (
       key_id TEXT PRIMARY KEY,
       role TEXT NOT NULL,
       platform_id TEXT,
       shop_id TEXT,
       shop_closed_at TEXT) WITHOUT ROWID`,
    `INSERT INTO personal_data_records_new (key_id, role, platform_id, shop_id, shop_closed_at)
       SELECT key_id, role, platform_id, shop_id, shop_closed_at FROM personal_data_records`,
    'DROP TABLE personal_data_records',
    'ALTER TABLE personal_data_records_new RENAME TO personal_data_records',
    'CREATE INDEX personal_data_records_shop ON personal_data_records (platform_id, shop_id)',
    'CREATE INDEX personal_data_records_closed ON personal_data_records (role, shop_closed_at) WHERE shop_closed_at IS NOT NULL',
  ];
}
