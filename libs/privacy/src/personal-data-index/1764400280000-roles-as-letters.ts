import { DialectMigration } from '@registry/event-store';
import { ROLE_LETTERS } from './stored-role';

const letterOf = `CASE role ${ROLE_LETTERS.map(([role, letter]) => `WHEN '${role}' THEN '${letter}'`).join(' ')} ELSE role END`;

/**
 * `personal_data_records` stores each record's role as one letter (issue 12, `stored-role.ts`).
 * Rows are changed where they are, nothing is recomputed; on SQLite the table is rebuilt so that
 * the shorter rows fill fewer pages.
 */
export class RolesAsLetters1764400280000 extends DialectMigration {
  readonly name = 'RolesAsLetters1764400280000';
  protected readonly postgres = [`UPDATE personal_data_records SET role = ${letterOf}`];
  protected readonly sqlite = [
    `CREATE TABLE personal_data_records_new (
       key_id TEXT PRIMARY KEY,
       role TEXT NOT NULL,
       platform_id TEXT,
       shop_id TEXT,
       shop_closed_at TEXT) WITHOUT ROWID`,
    `INSERT INTO personal_data_records_new (key_id, role, platform_id, shop_id, shop_closed_at)
       SELECT key_id, ${letterOf}, platform_id, shop_id, shop_closed_at FROM personal_data_records`,
    'DROP TABLE personal_data_records',
    'ALTER TABLE personal_data_records_new RENAME TO personal_data_records',
    'CREATE INDEX personal_data_records_shop ON personal_data_records (platform_id, shop_id)',
    'CREATE INDEX personal_data_records_closed ON personal_data_records (role, shop_closed_at) WHERE shop_closed_at IS NOT NULL',
  ];
}
