import { DialectMigration } from './dialect-migration';

/** "As the registry knew it on that date": the last position recorded by a time, found without a scan. */
const statements = ['CREATE INDEX events_recorded_at ON events (recorded_at)'];

export class IndexEventsByTime1764400030000 extends DialectMigration {
  readonly name = 'IndexEventsByTime1764400030000';
  protected readonly sqlite = statements;
  protected readonly postgres = statements;
}
