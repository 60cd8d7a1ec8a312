import { DialectMigration } from './dialect-migration';

export class CreateEventStore1764400000000 extends DialectMigration {
  readonly name = 'CreateEventStore1764400000000';

  protected readonly sqlite = [
    `CREATE TABLE events (
       position INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       stream TEXT NOT NULL,
       version INTEGER NOT NULL,
       type TEXT NOT NULL,
       schema_version INTEGER NOT NULL,
       data TEXT NOT NULL,
       metadata TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       UNIQUE (stream, version))`,
    `CREATE TABLE projection_checkpoints (
       name TEXT PRIMARY KEY,
       position INTEGER NOT NULL,
       updated_at TEXT NOT NULL)`,
  ];

  protected readonly postgres = [
    `CREATE TABLE events (
       position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       id UUID NOT NULL UNIQUE,
       stream TEXT NOT NULL,
       version INTEGER NOT NULL,
       type TEXT NOT NULL,
       schema_version INTEGER NOT NULL,
       data JSONB NOT NULL,
       metadata JSONB NOT NULL,
       recorded_at TIMESTAMPTZ NOT NULL,
       UNIQUE (stream, version))`,
    `CREATE TABLE projection_checkpoints (
       name TEXT PRIMARY KEY,
       position BIGINT NOT NULL,
       updated_at TIMESTAMPTZ NOT NULL)`,
  ];

  protected override readonly sqliteDown = ['DROP TABLE projection_checkpoints', 'DROP TABLE events'];
  protected override readonly postgresDown = this.sqliteDown;
}
