import { DialectMigration } from '@registry/event-store';

const tables = (position: string, timestamp: string) => [
  `CREATE TABLE enforcement_audit (
     audit_id TEXT PRIMARY KEY,
     position ${position} NOT NULL,
     officer TEXT NOT NULL,
     agency TEXT,
     case_reference TEXT NOT NULL,
     purpose TEXT NOT NULL,
     query_name TEXT NOT NULL,
     recorded_at ${timestamp} NOT NULL,
     body TEXT NOT NULL)`,
  'CREATE INDEX enforcement_audit_officer ON enforcement_audit (officer, position)',
  'CREATE INDEX enforcement_audit_case ON enforcement_audit (case_reference, position)',
  'CREATE INDEX enforcement_audit_position ON enforcement_audit (position)',
  `CREATE TABLE enforcement_audit_subjects (
     subject TEXT NOT NULL,
     audit_id TEXT NOT NULL,
     position ${position} NOT NULL,
     PRIMARY KEY (subject, audit_id))`,
];

export class CreateEnforcementAudit1764400021000 extends DialectMigration {
  readonly name = 'CreateEnforcementAudit1764400021000';
  protected readonly sqlite = tables('INTEGER', 'TEXT');
  protected readonly postgres = tables('BIGINT', 'TIMESTAMPTZ');
}
