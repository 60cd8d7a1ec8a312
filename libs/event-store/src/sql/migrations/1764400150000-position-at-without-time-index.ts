import { DialectMigration } from './dialect-migration';

/**
 * The index on `recorded_at` goes (issue 12: about 225 bytes a shop on SQLite, a sixth of the
 * events' indexes): the position at a time is found by a binary search over positions instead,
 * since positions grow with recorded time (see `positionAt` in sql-event-store.ts).
 */
export class PositionAtWithoutTimeIndex1764400150000 extends DialectMigration {
  readonly name = 'PositionAtWithoutTimeIndex1764400150000';
  protected readonly sqlite = ['DROP INDEX events_recorded_at'];
  protected readonly postgres = this.sqlite;
  protected override readonly sqliteDown = ['CREATE INDEX events_recorded_at ON events (recorded_at)'];
  protected override readonly postgresDown = this.sqliteDown;
}
