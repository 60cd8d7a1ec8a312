import { DialectMigration } from '@registry/event-store';

const table = (name: string) =>
  `CREATE TABLE ${name} (
     subject TEXT NOT NULL,
     audit_id TEXT NOT NULL,
     position INTEGER NOT NULL,
     PRIMARY KEY (subject, audit_id))`;

const copiedInto = (create: string, name: string) => [
  create,
  `INSERT INTO ${name} (subject, audit_id, position) SELECT subject, audit_id, position FROM enforcement_audit_subjects`,
  'DROP TABLE enforcement_audit_subjects',
  `ALTER TABLE ${name} RENAME TO enforcement_audit_subjects`,
];

/**
 * Every enforcement read writes a row per shop and person its answer names (about six), each at a
 * random place in the subject order. On SQLite the table was a rowid table beside the index of its
 * primary key: two B-trees written per row, the index at random. Kept in its key's order
 * (`WITHOUT ROWID`) it is that index alone, so a read's audit dirties one page per subject instead
 * of that plus the table's (issue 12). PostgreSQL keeps a heap and its primary key as before.
 */
export class KeyedAuditSubjects1764400170000 extends DialectMigration {
  readonly name = 'KeyedAuditSubjects1764400170000';
  protected readonly sqlite = copiedInto(`${table('enforcement_audit_subjects_keyed')} WITHOUT ROWID`, 'enforcement_audit_subjects_keyed');
  protected readonly postgres = [];
  protected override readonly sqliteDown = copiedInto(table('enforcement_audit_subjects_rowid'), 'enforcement_audit_subjects_rowid');
}
