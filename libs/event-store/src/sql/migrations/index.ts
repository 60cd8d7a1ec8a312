import { CreateEventStore1764400000000 } from './1764400000000-create-event-store';
import { IndexEventsByTime1764400030000 } from './1764400030000-index-events-by-time';
import { AppendEventsFunction1764400070000 } from './1764400070000-append-events-function';
import { PositionAtWithoutTimeIndex1764400150000 } from './1764400150000-position-at-without-time-index';
import { AppendEventsByIndex1764400350000 } from './1764400350000-append-events-by-index';

export { DialectMigration } from './dialect-migration';
export const eventStoreMigrations = [
  CreateEventStore1764400000000,
  IndexEventsByTime1764400030000,
  AppendEventsFunction1764400070000,
  PositionAtWithoutTimeIndex1764400150000,
  AppendEventsByIndex1764400350000,
];
