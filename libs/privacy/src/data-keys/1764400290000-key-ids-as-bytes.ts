import { DialectMigration } from '@registry/event-store';
import { storedKeyIdSql } from './stored-key-id';

/**
 * On SQLite a data key id of 17 characters is stored as 11 bytes (issue 12; see `storedKeyId`): in
 * the key's row, its scope's, its record's and the record's lookup rows. Each id is converted where
 * it is; a UUID of the first keys stays text. The identity graph converts its own
 * (1764400291000). PostgreSQL keeps text.
 */
export class KeyIdsAsBytes1764400290000 extends DialectMigration {
  readonly name = 'KeyIdsAsBytes1764400290000';
  protected readonly sqlite = [
    `UPDATE data_keys SET key_id = ${storedKeyIdSql('key_id')}`,
    `UPDATE data_key_scopes SET key_id = ${storedKeyIdSql('key_id')}`,
    `UPDATE personal_data_records SET key_id = ${storedKeyIdSql('key_id')}`,
    `UPDATE personal_data_index SET key_id = ${storedKeyIdSql('key_id')}`,
  ];
  protected readonly postgres = [];
}
