import { writeUuid } from './uuid-bytes';

/**
 * How SQLite stores an event id (issue 12): a UUID in small letters (the usual form) as its 16
 * bytes, in the row and in the unique index on ids, instead of 36 characters; one in capitals
 * (ids are UUIDs, see validate-append.ts) as its text, so that it reads back as given. PostgreSQL
 * stores ids as `uuid` already. Rows an earlier version stored hold the UUID as text and are read
 * as they are; a lookup by id asks for both forms (`idForms`), so an event stored before is still
 * found when it is appended again.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isStoredAsBytes = (id: string): boolean => UUID.test(id);

/** The value SQLite stores for an id. */
export function storedEventId(id: string): string | Buffer {
  const bytes = Buffer.allocUnsafe(16);
  return writeUuid(bytes, 0, id) ? bytes : id;
}

/** The values an id may be stored as: its bytes and, for rows an earlier version wrote, its text. */
export function idForms(id: string): (string | Buffer)[] {
  return UUID.test(id) ? [storedEventId(id), id] : [id];
}

/** The id a stored value stands for (by `toString('hex')`: reading 60,000 events back, uuidText's table cost some 5 µs an event more). */
export function eventIdOf(stored: string | Uint8Array): string {
  if (typeof stored === 'string') return stored;
  const hex = (Buffer.isBuffer(stored) ? stored : Buffer.from(stored)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
