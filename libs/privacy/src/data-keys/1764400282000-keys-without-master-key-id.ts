import { DialectMigration } from '@registry/event-store';

/**
 * A data key's row no longer names the master key that wraps it (issue 12): the id took 23 bytes a
 * key (`m-<time>-<hex>`), and the master key that opens a wrapped key is the one that wraps it
 * (AES-GCM authenticates it; `DataKeyStore` tries the current key first). No key is re-wrapped,
 * none destroyed.
 */
export class KeysWithoutMasterKeyId1764400282000 extends DialectMigration {
  readonly name = 'KeysWithoutMasterKeyId1764400282000';
  protected readonly sqlite = [
    `CREATE TABLE data_keys_new (
       key_id TEXT PRIMARY KEY,
       wrapped BLOB,
       destroyed_at TEXT,
       legal_ground TEXT,
       finalized_at TEXT) WITHOUT ROWID`,
    `INSERT INTO data_keys_new (key_id, wrapped, destroyed_at, legal_ground, finalized_at)
       SELECT key_id, wrapped, destroyed_at, legal_ground, finalized_at FROM data_keys`,
    'DROP TABLE data_keys',
    'ALTER TABLE data_keys_new RENAME TO data_keys',
    'CREATE INDEX data_keys_finality_pending ON data_keys (key_id) WHERE destroyed_at IS NOT NULL AND finalized_at IS NULL',
  ];
  protected readonly postgres = ['ALTER TABLE data_keys DROP COLUMN master_key_id'];
}
