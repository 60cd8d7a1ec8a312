import { randomBytes } from 'node:crypto';

/** Random bytes drawn 256 ids at a time: one call into the random source instead of one per id. */
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let next = POOL_IDS;

/**
 * A UUID version 7: the first 48 bits are the time in milliseconds, the rest random. Ids made
 * one after another sort together, so an index on them grows at its end instead of touching
 * a random page per insert (on SQLite every touched page is written to the WAL at commit).
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    pool = randomBytes(16 * POOL_IDS);
    next = 0;
  }
  const bytes = Buffer.from(pool.subarray(16 * next, 16 * ++next));
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
