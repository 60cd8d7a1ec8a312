import { randomBytes } from 'node:crypto';

/** Digits and lowercase letters only: the same order under every collation (a PostgreSQL `en_US` one ignores `-` and folds case). */
const DIGITS = '0123456789abcdefghijklmnopqrstuv';
const TIME_DIGITS = 9; // 45 bits of milliseconds: until the year 3084
const COUNTER_DIGITS = 8; // 40 bits
const COUNTER_START_BITS = 39; // a random start leaves 2^39 ids of headroom within one millisecond

let lastMs = 0;
let counter = 0;

function base32(value: number, digits: number): string {
  let text = '';
  for (let rest = value, i = 0; i < digits; i++, rest = Math.floor(rest / 32)) text = DIGITS[rest % 32] + text;
  return text;
}

/** What every data key id made at `ms` or later sorts after: the first characters of the id. */
export function dataKeyIdFrom(ms: number): string {
  return base32(ms, TIME_DIGITS);
}

/**
 * A data key id of 17 characters instead of a 36-character UUID (issue 12): the id is stored
 * with the key, in each personal-data record and index row, in the identity graph and in every
 * sealed event. Milliseconds first, so ids sort by time (a rotation finds the keys made since it
 * began, an index grows at its end), then a counter that starts at a random point each
 * millisecond and counts up within it: unique within a process, and two processes collide only
 * if they make keys in the same millisecond from starting points less than their count apart.
 * Ids of this form sort after the UUIDs of earlier keys (they start with `0`, these with `1`).
 */
export function dataKeyId(now: number = Date.now()): string {
  const ms = Math.max(now, lastMs);
  if (ms === lastMs) counter++;
  else [lastMs, counter] = [ms, randomBytes(5).readUIntBE(0, 5) % 2 ** COUNTER_START_BITS];
  return dataKeyIdFrom(ms) + base32(counter, COUNTER_DIGITS);
}
