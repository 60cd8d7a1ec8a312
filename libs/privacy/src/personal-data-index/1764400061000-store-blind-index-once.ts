import { DialectMigration } from '@registry/event-store';

/**
 * The blind index stored once (issue 12): it was in the primary key (key id, kind, blind index) and
 * again in the lookup index (kind, blind index), and on PostgreSQL a third time in the table. Now
 * the table holds it and the lookup index only its first characters (enough to find the few rows
 * to compare in full); a record's rows are found by key id. Nothing is recomputed: the rows move as they are.
 */
export const BLIND_PREFIX = 8;

const indexes = [
  'CREATE INDEX personal_data_index_key ON personal_data_index (key_id)',
  `CREATE INDEX personal_data_index_lookup ON personal_data_index (kind, substr(blind_index, 1, ${BLIND_PREFIX}))`,
];

export class StoreBlindIndexOnce1764400061000 extends DialectMigration {
  readonly name = 'StoreBlindIndexOnce1764400061000';
  protected readonly sqlite = [
    `CREATE TABLE personal_data_index_new (
       key_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       blind_index TEXT NOT NULL)`,
    'INSERT INTO personal_data_index_new (key_id, kind, blind_index) SELECT key_id, kind, blind_index FROM personal_data_index',
    'DROP TABLE personal_data_index',
    'ALTER TABLE personal_data_index_new RENAME TO personal_data_index',
    ...indexes,
  ];
  protected readonly postgres = [
    'DROP INDEX personal_data_index_lookup',
    'ALTER TABLE personal_data_index DROP CONSTRAINT personal_data_index_pkey',
    ...indexes,
  ];
}
