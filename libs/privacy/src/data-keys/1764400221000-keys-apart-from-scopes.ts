import { DialectMigration } from '@registry/event-store';
import { QueryRunner } from 'typeorm';

/**
 * Fewer bytes per data key (issue 12). The scope a key was made for was in every key's row and again
 * in the index that finds a scope's live key; it now lives only in `data_key_scopes`, the key each
 * scope was last given (one B-tree on SQLite). A wrapped key is stored as its 60 bytes (IV, key,
 * tag) rather than 80 base64 characters: on SQLite new keys are, keys wrapped before stay text
 * until a rotation re-wraps them; PostgreSQL's column becomes `bytea`, each key converted where it
 * is (the JSON form of the first keys as its UTF-8 bytes). No key is re-wrapped, none destroyed.
 * It cannot be reverted: the scopes of destroyed and replaced keys are not kept, so the old
 * `scope NOT NULL` column could not be filled again faithfully.
 */
const scopes = (withoutRowid: string) => [
  `CREATE TABLE data_key_scopes (
     scope TEXT PRIMARY KEY,
     key_id TEXT NOT NULL)${withoutRowid}`,
  'INSERT INTO data_key_scopes (scope, key_id) SELECT scope, MAX(key_id) FROM data_keys WHERE destroyed_at IS NULL GROUP BY scope',
];

export class KeysApartFromScopes1764400221000 extends DialectMigration {
  readonly name = 'KeysApartFromScopes1764400221000';
  protected readonly sqlite = [
    ...scopes(' WITHOUT ROWID'),
    `CREATE TABLE data_keys_new (
       key_id TEXT PRIMARY KEY,
       wrapped BLOB,
       master_key_id TEXT,
       destroyed_at TEXT,
       legal_ground TEXT,
       finalized_at TEXT) WITHOUT ROWID`,
    `INSERT INTO data_keys_new (key_id, wrapped, master_key_id, destroyed_at, legal_ground, finalized_at)
       SELECT key_id, wrapped, master_key_id, destroyed_at, legal_ground, finalized_at FROM data_keys`,
    'DROP TABLE data_keys',
    'ALTER TABLE data_keys_new RENAME TO data_keys',
    'CREATE INDEX data_keys_finality_pending ON data_keys (key_id) WHERE destroyed_at IS NOT NULL AND finalized_at IS NULL',
  ];
  protected readonly postgres = [
    ...scopes(''),
    'DROP INDEX IF EXISTS data_keys_scope',
    'ALTER TABLE data_keys DROP COLUMN scope',
    `ALTER TABLE data_keys ALTER COLUMN wrapped TYPE BYTEA
       USING CASE WHEN wrapped LIKE '{%' THEN convert_to(wrapped, 'UTF8') ELSE decode(wrapped, 'base64') END`,
  ];

  override down(_runner: QueryRunner): Promise<void> {
    return Promise.reject(new Error('KeysApartFromScopes1764400221000 cannot be reverted: the scopes of destroyed and replaced keys are gone'));
  }
}
