import { CreateEventStore1764400000000 } from './1764400000000-create-event-store';
import { IndexEventsByTime1764400030000 } from './1764400030000-index-events-by-time';

export { DialectMigration } from './dialect-migration';
export const eventStoreMigrations = [CreateEventStore1764400000000, IndexEventsByTime1764400030000];
