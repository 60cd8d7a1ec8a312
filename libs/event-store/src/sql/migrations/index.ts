import { CreateEventStore1764400000000 } from './1764400000000-create-event-store';

export { DialectMigration } from './dialect-migration';
export const eventStoreMigrations = [CreateEventStore1764400000000];
