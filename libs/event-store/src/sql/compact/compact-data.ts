import { EVENT_PHRASES } from './event-phrases';

/**
 * How SQLite stores an event's data (issue 12): its JSON text with each long base64 token that
 * ends a string (a sealed `$s` ciphertext, a blind index, a key hash) taken out as its bytes, and
 * each phrase the events repeat (event-phrases.ts) written as a code of one or two control
 * characters. A ClaimAdded of 364 characters takes about 160 bytes. JSON.stringify writes control
 * characters escaped, so any in the stored text is a code. Plain substitutions rather than deflate:
 * a zlib call costs 10-20 µs an event, more than the rest of an append.
 *
 * Form 1: `[1][varint: bytes of tokens][tokens][UTF-8 text]`, each token `[varint: length × 2 +
 * (1 for base64url)][bytes]`, in the order of the MARKs that stand for them. The form number
 * leaves room for another form; rows written in this one keep reading.
 */
const FORM_1 = 1;
const MARK = '\u0001';
/** A base64 (or base64url) run of 24 characters or more that closes a string. */
const TOKEN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{24,}={0,2}(?=")/g;
/** Codes \u0002-\u001e stand for a phrase each; \u001f and a character from the space on, for more. */
const FIRST_CODE = 0x02;
const SINGLE_CODES = 0x1f - FIRST_CODE;
const LONG_CODE = '\u001f';
const LONG_CODE_BASE = 0x20;
// eslint-disable-next-line no-control-regex -- the codes are control characters
const CODE = /\u001f[\s\S]|[\u0002-\u001e]/g;

const codeOf = new Map(
  EVENT_PHRASES.map((phrase, n) => [
    phrase,
    n < SINGLE_CODES ? String.fromCharCode(FIRST_CODE + n) : LONG_CODE + String.fromCharCode(LONG_CODE_BASE + n - SINGLE_CODES),
  ]),
);
const phraseOf = new Map([...codeOf].map(([phrase, code]) => [code, phrase]));
/** Longest first: at a place where several phrases start, the longest is taken. */
const PHRASE = new RegExp(
  [...EVENT_PHRASES]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The stored form of an event's data, from its JSON text. */
export function compactData(json: string): Buffer {
  const tokens: { header: number; bytes: Buffer }[] = [];
  let tail = 0;
  const text = json.replace(TOKEN, (token) => {
    const encoding = /[+/=]/.test(token) ? 'base64' : 'base64url';
    const bytes = Buffer.from(token, encoding);
    // Only a token that its bytes give back exactly (padding, trailing bits, one alphabet).
    if (bytes.toString(encoding) !== token) return token;
    const header = bytes.length * 2 + (encoding === 'base64url' ? 1 : 0);
    tokens.push({ header, bytes });
    tail += varintLength(header) + bytes.length;
    return MARK;
  });
  const coded = text.replace(PHRASE, (phrase) => codeOf.get(phrase)!);
  // One buffer written in place: allocating a buffer per piece cost more than the coding.
  const start = 1 + varintLength(tail) + tail;
  const stored = Buffer.allocUnsafe(start + Buffer.byteLength(coded));
  stored[0] = FORM_1;
  let at = writeVarint(stored, 1, tail);
  for (const { header, bytes } of tokens) {
    at = writeVarint(stored, at, header);
    at += bytes.copy(stored, at);
  }
  stored.write(coded, start);
  return stored;
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
  const text = bytes.toString('utf8', tailStart + tailLength).replace(CODE, (code) => phraseOf.get(code)!);
  if (tailLength === 0) return JSON.parse(text);
  const pieces = text.split(MARK);
  let json = pieces[0];
  let at = tailStart;
  for (let n = 1; n < pieces.length; n++) {
    const [header, start] = readVarint(bytes, at);
    const end = start + Math.floor(header / 2);
    json += bytes.toString(header % 2 === 1 ? 'base64url' : 'base64', start, end) + pieces[n];
    at = end;
  }
  return JSON.parse(json);
}

function varintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) length++;
  return length;
}

/** Writes `value` at `start` (7 bits a byte, the lowest first) and gives the place after it. */
function writeVarint(bytes: Buffer, start: number, value: number): number {
  let at = start;
  let rest = value;
  for (; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes[at++] = (rest % 0x80) | 0x80;
  bytes[at++] = rest;
  return at;
}

function readVarint(bytes: Buffer, start: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let at = start; ; scale *= 0x80) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
  }
}
