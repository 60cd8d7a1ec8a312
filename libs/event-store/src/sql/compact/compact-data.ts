import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { EVENT_DICTIONARY_1 } from './event-dictionary';

/**
 * How SQLite stores an event's data (issue 12): its JSON text deflated against a fixed dictionary
 * of the events' vocabulary, with every long base64 token that ends a string (a sealed `$s`
 * ciphertext, a blind index, a key hash) taken out as its bytes. A ClaimAdded of 364 characters
 * takes about 150 bytes. The form starts with its format number, so that a later dictionary can
 * come with a new number and the rows written before still read.
 *
 * Form 1: `[1][varint: bytes of tokens][tokens][deflated text]`, each token as
 * `[varint: length × 2 + (1 for base64url)][bytes]`, in the order of the MARKs that stand for them.
 * JSON.stringify writes control characters escaped, so a MARK in the text is always one of them.
 */
const FORM_1 = 1;
/** A 4 KB window holds the dictionary; smaller windows and memory levels start faster (deflate and inflate cost ~5-10 µs an event). */
const ZLIB_1 = { dictionary: EVENT_DICTIONARY_1, windowBits: 12, memLevel: 2 };
const MARK = '\u0001';
/** A base64 (or base64url) run of 24 characters or more that closes a string. */
const TOKEN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{24,}={0,2}(?=")/g;

/** The stored form of an event's data, from its JSON text. */
export function compactData(json: string): Buffer {
  const tokens: Buffer[] = [];
  const text = json.replace(TOKEN, (token) => {
    const encoding = /[+/=]/.test(token) ? 'base64' : 'base64url';
    const bytes = Buffer.from(token, encoding);
    // Only a token that its bytes give back exactly (padding, trailing bits, one alphabet).
    if (bytes.toString(encoding) !== token) return token;
    tokens.push(varint(bytes.length * 2 + (encoding === 'base64url' ? 1 : 0)), bytes);
    return MARK;
  });
  const tail = Buffer.concat(tokens);
  return Buffer.concat([Buffer.of(FORM_1), varint(tail.length), tail, deflateRawSync(text, ZLIB_1)]);
}

/**
 * The JSON value of an event's data as stored: the compact form (a BLOB, SQLite), JSON text (rows
 * written before it, on SQLite), or the value itself (PostgreSQL's jsonb, parsed by the driver).
 */
export function storedEventData(stored: unknown): unknown {
  if (typeof stored === 'string') return JSON.parse(stored);
  if (!(stored instanceof Uint8Array)) return stored;
  const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes[0] !== FORM_1) throw new Error(`event data in an unknown form ${bytes[0]}`);
  const [tailLength, tailStart] = readVarint(bytes, 1);
  const textStart = tailStart + tailLength;
  const text = inflateRawSync(bytes.subarray(textStart), ZLIB_1).toString();
  if (tailLength === 0) return JSON.parse(text);
  const pieces = text.split(MARK);
  let json = pieces[0];
  let at = tailStart;
  for (let n = 1; n < pieces.length; n++) {
    const [header, start] = readVarint(bytes, at);
    const end = start + (header >>> 1);
    json += bytes.toString(header & 1 ? 'base64url' : 'base64', start, end) + pieces[n];
    at = end;
  }
  return JSON.parse(json);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function readVarint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
    scale *= 0x80;
  }
}
