import { SqlDialect } from '@registry/event-store';

const DIGITS = '0123456789abcdefghijklmnopqrstuv';
const DATA_KEY_ID = /^[0-9a-v]{17}$/;
const TIME_DIGITS = 9;
const TIME_BYTES = 6;
const COUNTER_BYTES = 5;

const digitsOf = (text: string) => {
  let value = 0;
  for (const digit of text) value = value * 32 + DIGITS.indexOf(digit);
  return value;
};
const textOf = (value: number, digits: number) => {
  let text = '';
  for (let rest = value, i = 0; i < digits; i++, rest = Math.floor(rest / 32)) text = DIGITS[rest % 32] + text;
  return text;
};

/**
 * A data key id as a table stores it (issue 12). On SQLite an id of 17 characters (`data-key-id.ts`)
 * is 11 bytes: its milliseconds in 6 and its counter in 5, big-endian, so the bytes sort as the
 * characters do; every other id (the UUIDs of the first keys) stays text, which SQLite sorts before
 * any bytes, as the UUIDs sorted before. The id is in six tables (a key, its scope, its record, the
 * record's lookup rows, the identity graph's sources), 36 times a shop. PostgreSQL keeps text.
 */
export function storedKeyId(dialect: SqlDialect, keyId: string): string | Buffer {
  if (dialect === 'postgres' || !DATA_KEY_ID.test(keyId)) return keyId;
  const bytes = Buffer.alloc(TIME_BYTES + COUNTER_BYTES);
  bytes.writeUIntBE(digitsOf(keyId.slice(0, TIME_DIGITS)), 0, TIME_BYTES);
  bytes.writeUIntBE(digitsOf(keyId.slice(TIME_DIGITS)), TIME_BYTES, COUNTER_BYTES);
  return bytes;
}

export const storedKeyIds = (dialect: SqlDialect, keyIds: readonly string[]) => keyIds.map((keyId) => storedKeyId(dialect, keyId));

/** The id a stored one stands for: see `storedKeyId`. */
export function keyIdOf(stored: string | Buffer): string {
  if (typeof stored === 'string') return stored;
  return textOf(stored.readUIntBE(0, TIME_BYTES), TIME_DIGITS) + textOf(stored.readUIntBE(TIME_BYTES, COUNTER_BYTES), 17 - TIME_DIGITS);
}

/**
 * What every stored id of a key made from `timePrefix` on (`dataKeyIdFrom`, 9 characters) sorts
 * after: on SQLite its 6 bytes of milliseconds.
 */
export function storedKeyIdFrom(dialect: SqlDialect, timePrefix: string): string | Buffer {
  if (dialect === 'postgres') return timePrefix;
  const bytes = Buffer.alloc(TIME_BYTES);
  bytes.writeUIntBE(digitsOf(timePrefix), 0, TIME_BYTES);
  return bytes;
}

/**
 * `storedKeyId` in SQL, for a migration to convert the ids a table holds: the 17 characters read
 * as two numbers (5 bits a character), written as 12 and 10 hexadecimal digits, then as bytes.
 */
export function storedKeyIdSql(column: string): string {
  const digits = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `((instr('${DIGITS}', substr(${column}, ${from + i}, 1)) - 1) << ${5 * (count - 1 - i)})`).join(' + ');
  return `CASE WHEN typeof(${column}) = 'text' AND length(${column}) = 17 AND ${column} NOT GLOB '*[^0-9a-v]*'
    THEN unhex(printf('%012x%010x', ${digits(1, TIME_DIGITS)}, ${digits(TIME_DIGITS + 1, 17 - TIME_DIGITS)}))
    ELSE ${column} END`;
}
