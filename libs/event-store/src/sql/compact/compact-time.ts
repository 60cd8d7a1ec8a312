/**
 * How SQLite stores the time an event was recorded (issue 12): the milliseconds since 1970 as 6
 * bytes, big-endian, so that byte order is time order, instead of 24 characters of ISO text.
 * The store writes the ISO form of a Date, which these bytes give back exactly; a time they would
 * not give back (before 1970, or written otherwise) is stored as its text, as every row was before.
 */
const BYTES = 6;

/** The compact form of an ISO time, or undefined when it would not read back as the same text. */
export function compactTime(iso: string): Buffer | undefined {
  const ms = Date.parse(iso);
  if (!(ms >= 0 && ms < 2 ** 48) || new Date(ms).toISOString() !== iso) return undefined;
  const bytes = Buffer.allocUnsafe(BYTES);
  bytes.writeUIntBE(ms, 0, BYTES);
  return bytes;
}

/** The milliseconds a compact form holds. */
export function timeFromBytes(stored: Uint8Array): number {
  const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  return bytes.readUIntBE(0, BYTES);
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
