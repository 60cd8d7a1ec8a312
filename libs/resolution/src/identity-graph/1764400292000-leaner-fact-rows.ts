import { DialectMigration } from '@registry/event-store';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The milliseconds a recorded time of 8 base-36 characters stands for, in SQL. */
const base36Ms = (column: string) =>
  Array.from({ length: 8 }, (_, i) => `(instr('${BASE36}', substr(${column}, ${i + 1}, 1)) - 1)`).reduce((sum, digit) => `(${sum}) * 36 + ${digit}`);

const INDEXES = [
  'CREATE INDEX resolution_facts_source ON resolution_facts (source)',
  'CREATE INDEX resolution_facts_shop ON resolution_facts (shop)',
  'CREATE INDEX resolution_facts_shop_b ON resolution_facts (shop_b) WHERE shop_b IS NOT NULL',
  'CREATE INDEX resolution_facts_key1 ON resolution_facts (key1, shop) WHERE key1 IS NOT NULL',
  'CREATE INDEX resolution_facts_key2 ON resolution_facts (key2, shop) WHERE key2 IS NOT NULL',
  'CREATE INDEX resolution_facts_holder ON resolution_facts (holder) WHERE holder IS NOT NULL',
  'CREATE INDEX resolution_facts_added ON resolution_facts (added_at)',
  'CREATE INDEX resolution_facts_removed ON resolution_facts (removed_at) WHERE removed_at IS NOT NULL',
];

const COLUMNS =
  'id, kind, source, fact_id, shop, shop_b, key1, key2, holder, role, source_position, added_at, removed_at, valid_from, valid_to, stream, source_ref, asserted_by, verification, recorded_at';

/**
 * Fewer bytes a fact (issue 12). Its source's position is the position that added it but for a
 * re-verification's facts, so it is stored only where it differs (NULL else; reads take
 * `COALESCE(source_position, added_at)`). On SQLite a recorded time is its milliseconds, a 6-byte
 * integer, where base 36 took 8 characters: the table is copied (SQLite changes no column's type
 * or constraint in place), its rows in their order, their ids kept, each such time converted. A
 * time stored as ISO text stays so. PostgreSQL only lets the position be NULL.
 */
export class LeanerFactRows1764400292000 extends DialectMigration {
  readonly name = 'LeanerFactRows1764400292000';
  protected readonly sqlite = [
    `CREATE TABLE resolution_facts_new (
       id INTEGER PRIMARY KEY,
       kind SMALLINT NOT NULL,
       source INTEGER NOT NULL,
       fact_id TEXT,
       shop TEXT,
       shop_b TEXT,
       key1 INTEGER,
       key2 INTEGER,
       holder INTEGER,
       role INTEGER,
       source_position INTEGER,
       added_at INTEGER NOT NULL,
       removed_at INTEGER,
       valid_from TEXT,
       valid_to TEXT,
       stream INTEGER,
       source_ref INTEGER,
       asserted_by INTEGER NOT NULL,
       verification INTEGER NOT NULL,
       recorded_at INTEGER NOT NULL)`,
    `INSERT INTO resolution_facts_new (${COLUMNS})
       SELECT ${COLUMNS.replace('source_position', 'NULLIF(source_position, added_at)').replace(
         'recorded_at',
         `CASE WHEN typeof(recorded_at) = 'text' AND length(recorded_at) = 8 AND recorded_at NOT GLOB '*[^0-9a-z]*'
            THEN ${base36Ms('recorded_at')} ELSE recorded_at END`,
       )}
       FROM resolution_facts ORDER BY id`,
    'DROP TABLE resolution_facts',
    'ALTER TABLE resolution_facts_new RENAME TO resolution_facts',
    ...INDEXES,
  ];
  protected readonly postgres = ['ALTER TABLE resolution_facts ALTER COLUMN source_position DROP NOT NULL'];
}
