import { ExpectedVersion, NewEvent } from './envelope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A programming error in the caller, not a user error: the API validates before it gets here. */
export function validateAppend(stream: string, events: readonly NewEvent[], expected: ExpectedVersion): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 200) {
    throw new TypeError('stream must be a non-empty string of at most 200 characters');
  }
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new TypeError('expected version must be a whole number of at least 0');
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new TypeError(`event id ${event.id} is not a UUID`);
    if (ids.has(event.id)) throw new TypeError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (!event.type) throw new TypeError('event type is required');
    if (!event.metadata?.principal) throw new TypeError('event metadata must name the principal');
  }
}
