import { DialectMigration } from '@registry/event-store';

/**
 * On SQLite each name of the identity graph is stored once (issue 12): a UNIQUE index held every
 * name a second time (602 of its 1,148 bytes a shop at 20,000 shops). A name is now found by a
 * 32-bit hash of its text (`text_hash`, see fact-table.ts), indexed, and its text compared. The
 * names keep their numbers, so the facts, the operator view and its counts stay as they are:
 * nothing is rebuilt. PostgreSQL keeps its UNIQUE index on the name.
 */
export class NamesStoredOnce1764400270000 extends DialectMigration {
  readonly name = 'NamesStoredOnce1764400270000';
  protected readonly sqlite = [
    `CREATE TABLE resolution_names_hashed (
       id INTEGER PRIMARY KEY,
       hash INTEGER NOT NULL,
       name TEXT NOT NULL)`,
    'INSERT INTO resolution_names_hashed (id, hash, name) SELECT id, text_hash(name), name FROM resolution_names ORDER BY id',
    'DROP TABLE resolution_names',
    'ALTER TABLE resolution_names_hashed RENAME TO resolution_names',
    'CREATE INDEX resolution_names_hash ON resolution_names (hash)',
  ];
  protected readonly postgres = [];
}
