import { DialectMigration } from '@registry/event-store';

const idempotencyKeys = (timestamp: string) => `CREATE TABLE idempotency_keys (
  principal_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  etag TEXT,
  created_at ${timestamp} NOT NULL,
  PRIMARY KEY (principal_id, key))`;

export class CreateIdempotencyKeys1764400001000 extends DialectMigration {
  readonly name = 'CreateIdempotencyKeys1764400001000';
  protected readonly sqlite = [idempotencyKeys('TEXT')];
  protected readonly postgres = [idempotencyKeys('TIMESTAMPTZ')];
}
