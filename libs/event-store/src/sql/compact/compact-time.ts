/**
 * How SQLite stores the time an event was recorded (issue 12): the milliseconds since 1970 as 6
 * bytes, big-endian, so that byte order is time order, instead of 24 characters of ISO text
 * (written at the head of the event's data, compact-data.ts form 2). The store writes the ISO form
 * of a Date, which these milliseconds give back exactly; a time they would not give back (before
 * 1970, or written otherwise) is stored as its text, as every row was before.
 */
const BYTES = 6;

/** The milliseconds of an ISO time, or undefined when they would not read back as the same text. */
export function compactTime(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return ms >= 0 && ms < 2 ** 48 && new Date(ms).toISOString() === iso ? ms : undefined;
}

/** The bytes that compare with compact times as a time does (any time, even one not stored compactly). */
export function comparableTime(iso: string): Buffer {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${iso}`);
  // Before 1970 no compact time is at or before it: the empty BLOB sorts below every other.
  if (ms < 0) return Buffer.alloc(0);
  const bytes = Buffer.alloc(BYTES, 0xff);
  if (ms < 2 ** 48) bytes.writeUIntBE(ms, 0, BYTES);
  return bytes;
}
