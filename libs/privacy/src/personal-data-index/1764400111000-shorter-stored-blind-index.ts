import { DialectMigration } from '@registry/event-store';
import { BLIND_PREFIX } from './1764400061000-store-blind-index-once';
import { STORED_BLIND_LENGTH } from './stored-blind-index';

/**
 * The personal-data index keeps the first 22 characters of each blind index (issue 12,
 * `stored-blind-index.ts`). Rows are cut where they are, nothing is recomputed; on SQLite the
 * table is rebuilt so that the shorter rows fill fewer pages.
 */
export class ShorterStoredBlindIndex1764400111000 extends DialectMigration {
  readonly name = 'ShorterStoredBlindIndex1764400111000';
  protected readonly postgres = [`UPDATE personal_data_index SET blind_index = substr(blind_index, 1, ${STORED_BLIND_LENGTH})`];
  protected readonly sqlite = [
    `CREATE TABLE personal_data_index_new (
       key_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       blind_index TEXT NOT NULL)`,
    `INSERT INTO personal_data_index_new (key_id, kind, blind_index)
       SELECT key_id, kind, substr(blind_index, 1, ${STORED_BLIND_LENGTH}) FROM personal_data_index`,
    'DROP TABLE personal_data_index',
    'ALTER TABLE personal_data_index_new RENAME TO personal_data_index',
    'CREATE INDEX personal_data_index_key ON personal_data_index (key_id)',
    `CREATE INDEX personal_data_index_lookup ON personal_data_index (kind, substr(blind_index, 1, ${BLIND_PREFIX}))`,
  ];
}
