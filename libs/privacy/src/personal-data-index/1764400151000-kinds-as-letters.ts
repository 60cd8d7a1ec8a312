import { DialectMigration } from '@registry/event-store';
import { BLIND_PREFIX } from './1764400061000-store-blind-index-once';
import { KIND_LETTERS } from './stored-kind';

const letterOf = `CASE kind ${KIND_LETTERS.map(([kind, letter]) => `WHEN '${kind}' THEN '${letter}'`).join(' ')} ELSE kind END`;

/**
 * The personal-data index stores each identifier's kind as one letter (issue 12,
 * `stored-kind.ts`). Rows are changed where they are, nothing is recomputed; on SQLite the table
 * is rebuilt so that the shorter rows fill fewer pages.
 */
export class KindsAsLetters1764400151000 extends DialectMigration {
  readonly name = 'KindsAsLetters1764400151000';
  protected readonly postgres = [`UPDATE personal_data_index SET kind = ${letterOf}`];
  protected readonly sqlite = [
    `CREATE TABLE personal_data_index_new (
       key_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       blind_index TEXT NOT NULL)`,
    `INSERT INTO personal_data_index_new (key_id, kind, blind_index) SELECT key_id, ${letterOf}, blind_index FROM personal_data_index`,
    'DROP TABLE personal_data_index',
    'ALTER TABLE personal_data_index_new RENAME TO personal_data_index',
    'CREATE INDEX personal_data_index_key ON personal_data_index (key_id)',
    `CREATE INDEX personal_data_index_lookup ON personal_data_index (kind, substr(blind_index, 1, ${BLIND_PREFIX}))`,
  ];
}
