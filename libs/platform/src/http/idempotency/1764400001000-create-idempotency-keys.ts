import { DialectMigration } from '@registry/event-store';

export class CreateIdempotencyKeys1764400001000 extends DialectMigration {
  readonly name = 'CreateIdempotencyKeys1764400001000';

  protected readonly sqlite = [
    `CREATE TABLE idempotency_keys (
       principal_id TEXT NOT NULL,
       key TEXT NOT NULL,
       request_hash TEXT NOT NULL,
       status INTEGER NOT NULL,
       body TEXT NOT NULL,
       etag TEXT,
       created_at TEXT NOT NULL,
       PRIMARY KEY (principal_id, key))`,
  ];

  protected readonly postgres = [
    `CREATE TABLE idempotency_keys (
       principal_id TEXT NOT NULL,
       key TEXT NOT NULL,
       request_hash TEXT NOT NULL,
       status INTEGER NOT NULL,
       body TEXT NOT NULL,
       etag TEXT,
       created_at TIMESTAMPTZ NOT NULL,
       PRIMARY KEY (principal_id, key))`,
  ];
}
