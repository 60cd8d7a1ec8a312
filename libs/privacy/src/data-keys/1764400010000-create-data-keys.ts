import { DialectMigration } from '@registry/event-store';

const tables = (timestamp: string) => [
  `CREATE TABLE data_keys (
     key_id TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     wrapped TEXT,
     master_key_id TEXT,
     created_at ${timestamp} NOT NULL,
     destroyed_at ${timestamp},
     legal_ground TEXT)`,
  'CREATE INDEX data_keys_scope ON data_keys (scope)',
  'CREATE INDEX data_keys_master ON data_keys (master_key_id)',
];

export class CreateDataKeys1764400010000 extends DialectMigration {
  readonly name = 'CreateDataKeys1764400010000';
  protected readonly sqlite = tables('TEXT');
  protected readonly postgres = tables('TIMESTAMPTZ');
}
