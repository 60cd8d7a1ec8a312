import { DialectMigration } from '@registry/event-store';
import { storedKeyIdSql } from '@registry/privacy/core';

/**
 * On SQLite the data keys of the identity graph's sources are stored as the key store stores them
 * (issue 12; `storedKeyId`, 1764400290000): an id of 17 characters as 11 bytes. PostgreSQL keeps text.
 */
export class DataKeysAsBytes1764400291000 extends DialectMigration {
  readonly name = 'DataKeysAsBytes1764400291000';
  protected readonly sqlite = [`UPDATE resolution_data_keys SET data_key = ${storedKeyIdSql('data_key')}`];
  protected readonly postgres = [];
}
