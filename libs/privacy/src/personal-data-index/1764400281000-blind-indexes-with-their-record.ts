import { DialectMigration } from '@registry/event-store';
import { BLIND_PREFIX } from './1764400061000-store-blind-index-once';

/**
 * Fewer bytes for the personal-data index (issue 12). Each identifier's row held the key id, the
 * kind and the 22-character blind index, and two indexes held them again (by key id; by kind and
 * the first characters of the blind index): about 100 bytes an identifier on SQLite. Now a record
 * holds its identifiers (kind and blind index, `stored-identifiers.ts`) in its own row, and
 * `personal_data_index` is only the lookup: kind, the first 8 characters of the blind index and the
 * key id, one B-tree (WITHOUT ROWID on SQLite). An erasure finds the candidates there and compares
 * the whole blind index in the record. Rows move as they are; nothing is recomputed.
 */
const lookup = (withoutRowid: string) => [
  `CREATE TABLE personal_data_index_new (
     kind TEXT NOT NULL,
     blind_prefix TEXT NOT NULL,
     key_id TEXT NOT NULL,
     PRIMARY KEY (kind, blind_prefix, key_id))${withoutRowid}`,
  `INSERT INTO personal_data_index_new (kind, blind_prefix, key_id)
     SELECT DISTINCT kind, substr(blind_index, 1, ${BLIND_PREFIX}), key_id FROM personal_data_index`,
  'DROP TABLE personal_data_index',
  'ALTER TABLE personal_data_index_new RENAME TO personal_data_index',
];

const identifiersOfRecord = (concat: string) => `COALESCE((SELECT ${concat} FROM personal_data_index i WHERE i.key_id = personal_data_records.key_id), '')`;

export class BlindIndexesWithTheirRecord1764400281000 extends DialectMigration {
  readonly name = 'BlindIndexesWithTheirRecord1764400281000';
  protected readonly sqlite = [
    `CREATE TABLE personal_data_records_new (
       key_id TEXT PRIMARY KEY,
       role TEXT NOT NULL,
       platform_id TEXT,
       shop_id TEXT,
       shop_closed_at TEXT,
       identifiers TEXT NOT NULL) WITHOUT ROWID`,
    `INSERT INTO personal_data_records_new (key_id, role, platform_id, shop_id, shop_closed_at, identifiers)
       SELECT key_id, role, platform_id, shop_id, shop_closed_at, ${identifiersOfRecord("group_concat(i.kind || i.blind_index, ' ')")}
         FROM personal_data_records`,
    'DROP TABLE personal_data_records',
    'ALTER TABLE personal_data_records_new RENAME TO personal_data_records',
    'CREATE INDEX personal_data_records_shop ON personal_data_records (platform_id, shop_id)',
    'CREATE INDEX personal_data_records_closed ON personal_data_records (role, shop_closed_at) WHERE shop_closed_at IS NOT NULL',
    ...lookup(' WITHOUT ROWID'),
  ];
  protected readonly postgres = [
    "ALTER TABLE personal_data_records ADD COLUMN identifiers TEXT NOT NULL DEFAULT ''",
    `UPDATE personal_data_records SET identifiers = ${identifiersOfRecord("string_agg(i.kind || i.blind_index, ' ')")}`,
    'ALTER TABLE personal_data_records ALTER COLUMN identifiers DROP DEFAULT',
    ...lookup(''),
    'ALTER TABLE personal_data_index RENAME CONSTRAINT personal_data_index_new_pkey TO personal_data_index_pkey',
  ];
}
