import { DialectMigration } from '@registry/event-store';

const principals = (timestamp: string) => `CREATE TABLE principals (
  principal_id TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  platform_id TEXT,
  partner_id TEXT,
  partner_kind TEXT,
  agency TEXT,
  key_hash TEXT NOT NULL UNIQUE,
  created_at ${timestamp} NOT NULL,
  revoked_at ${timestamp},
  version INTEGER NOT NULL)`;

/** The principal directory read model: who holds which key hash, and whether it is revoked. */
export class CreatePrincipals1764400007000 extends DialectMigration {
  readonly name = 'CreatePrincipals1764400007000';
  protected readonly sqlite = [principals('TEXT')];
  protected readonly postgres = [principals('TIMESTAMPTZ')];
  protected override readonly sqliteDown = ['DROP TABLE principals'];
  protected override readonly postgresDown = this.sqliteDown;
}
