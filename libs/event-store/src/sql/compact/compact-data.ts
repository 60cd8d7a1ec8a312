import { EVENT_PHRASES } from './event-phrases';

/**
 * How SQLite stores an event's data (issue 12): its JSON text with each long base64 token that
 * ends a string (a sealed `$s` ciphertext, a blind index, a key hash) taken out as its bytes, and
 * each phrase the events repeat (event-phrases.ts) written as a code of one or two control
 * characters. A ClaimAdded of 364 characters takes about 160 bytes. JSON.stringify writes control
 * characters escaped, so any in the stored text is a code. Plain substitutions rather than deflate:
 * a zlib call costs 10-20 µs an event, more than the rest of an append.
 *
 * Form 1, the data alone (the metadata and time in their columns as text): `[1][varint: bytes of
 * tokens][tokens][UTF-8 text]`, each token `[varint: length × 2 + (1 for base64url)][bytes]`, in the
 * order of the MARKs that stand for them. Form 2, the whole event but its id and stream (issue 14:
 * the driver makes a Buffer for each BLOB it reads, and three a row cost 8-10 µs an event read):
 * `[2][time: 6 bytes][varint: bytes of metadata][metadata (compact-metadata.ts)]` then form 1 from
 * its varint on. The time is the milliseconds since 1970, big-endian, so that `substr(data, 2, 6)`
 * compares as the times do (compact-time.ts).
 */
const FORM_1 = 1;
const FORM_2 = 2;
const TIME_BYTES = 6;
const MARK = '\u0001';
const MIN_TOKEN = 24;
/** Codes \u0002-\u001e stand for a phrase each; \u001f and a character from the space on, for more. */
const FIRST_CODE = 0x02;
const SINGLE_CODES = 0x1f - FIRST_CODE;
const LONG_CODE = '\u001f';
const LONG_CODE_BASE = 0x20;
// eslint-disable-next-line no-control-regex -- the codes and the MARK are control characters
const CODE = /\u001f[\s\S]|[\u0001-\u001e]/g;

const codeOf = new Map(
  EVENT_PHRASES.map((phrase, n) => [
    phrase,
    n < SINGLE_CODES ? String.fromCharCode(FIRST_CODE + n) : LONG_CODE + String.fromCharCode(LONG_CODE_BASE + n - SINGLE_CODES),
  ]),
);
const phraseOf = new Map([...codeOf].map(([phrase, code]) => [code, phrase]));
/**
 * The phrases as a trie (`\{"(?:claimId":"|platformId":"|…)|…`): at a place where several
 * phrases start, the longest is taken, and a place where none starts fails at its first
 * character instead of at each of the phrases (a plain alternation cost 1.5 µs an event).
 */
const PHRASE = new RegExp(trieSource(EVENT_PHRASES), 'g');
/** The characters of a base64 or base64url token (without its padding). */
const IN_TOKEN = Array.from({ length: 128 }, (_, c) => /[A-Za-z0-9+/_-]/.test(String.fromCharCode(c)));

/** What form 2 holds beside the data: the time recorded, in ms since 1970, and the compact metadata. */
export interface CompactHead {
  readonly ms: number;
  readonly metadata: Buffer;
}

/** The stored form of an event's data, from its JSON text: with its head (form 2) or without (form 1). */
export function compactData(json: string, head?: CompactHead): Buffer {
  const tokens: { header: number; bytes: Buffer }[] = [];
  let tail = 0;
  let text = '';
  let copied = 0;
  // A token is a run of base64 characters of MIN_TOKEN or more with up to 2 `=`, that ends a string:
  // found from each `"` backwards (a regular expression with a lookbehind cost 1.6 µs an event).
  for (let quote = json.indexOf('"'); quote !== -1; quote = json.indexOf('"', quote + 1)) {
    let end = quote;
    if (json.charCodeAt(end - 1) === 0x3d) end--;
    if (json.charCodeAt(end - 1) === 0x3d) end--;
    let start = end;
    while (IN_TOKEN[json.charCodeAt(start - 1)]) start--;
    if (end - start < MIN_TOKEN || json.charCodeAt(start - 1) === 0x3d) continue;
    const token = json.slice(start, quote);
    const encoding = end === quote && !hasBase64Only(token) ? 'base64url' : 'base64';
    const bytes = Buffer.from(token, encoding);
    // Only a token that its bytes give back exactly (padding, trailing bits, one alphabet).
    if (bytes.toString(encoding) !== token) continue;
    const header = bytes.length * 2 + (encoding === 'base64url' ? 1 : 0);
    tokens.push({ header, bytes });
    tail += varintLength(header) + bytes.length;
    text += json.slice(copied, start) + MARK;
    copied = quote;
  }
  text = copied === 0 ? json : text + json.slice(copied);
  const coded = text.replace(PHRASE, (phrase) => codeOf.get(phrase)!);
  // One buffer written in place: allocating a buffer per piece cost more than the coding.
  const body = head === undefined ? 1 : 1 + TIME_BYTES + varintLength(head.metadata.length) + head.metadata.length;
  const start = body + varintLength(tail) + tail;
  const stored = Buffer.allocUnsafe(start + Buffer.byteLength(coded));
  if (head === undefined) stored[0] = FORM_1;
  else {
    stored[0] = FORM_2;
    stored.writeUIntBE(head.ms, 1, TIME_BYTES);
    head.metadata.copy(stored, writeVarint(stored, 1 + TIME_BYTES, head.metadata.length));
  }
  let at = writeVarint(stored, body, tail);
  for (const { header, bytes } of tokens) {
    at = writeVarint(stored, at, header);
    at += bytes.copy(stored, at);
  }
  stored.write(coded, start);
  return stored;
}

/** Where a form 2 event keeps its time and metadata: `bytes.subarray(metadataStart, metadataEnd)`. */
export interface StoredHead {
  readonly ms: number;
  readonly metadataStart: number;
  readonly metadataEnd: number;
}

/** The head of a stored event's data, undefined when it has none (form 1, JSON text, PostgreSQL's value). */
export function storedHead(stored: unknown): StoredHead | undefined {
  if (!(stored instanceof Uint8Array) || stored[0] !== FORM_2) return undefined;
  const bytes = asBuffer(stored);
  const [length, metadataStart] = readVarint(bytes, 1 + TIME_BYTES);
  return { ms: bytes.readUIntBE(1, TIME_BYTES), metadataStart, metadataEnd: metadataStart + length };
}

/**
 * The JSON value of an event's data as stored: the compact form (a BLOB, SQLite), JSON text (rows
 * written before it, on SQLite), or the value itself (PostgreSQL's jsonb, parsed by the driver).
 */
export function storedEventData(stored: unknown): unknown {
  if (typeof stored === 'string') return JSON.parse(stored);
  if (!(stored instanceof Uint8Array)) return stored;
  const bytes = asBuffer(stored);
  if (bytes[0] !== FORM_1 && bytes[0] !== FORM_2) throw new Error(`event data in an unknown form ${bytes[0]}`);
  let body = 1;
  if (bytes[0] === FORM_2) {
    const [length, metadataStart] = readVarint(bytes, 1 + TIME_BYTES);
    body = metadataStart + length;
  }
  const [tailLength, tailStart] = readVarint(bytes, body);
  let at = tailStart;
  // One pass: each code becomes its phrase, each MARK the text of the next token.
  const json = bytes.toString('utf8', tailStart + tailLength).replace(CODE, (code) => {
    if (code !== MARK) return phraseOf.get(code)!;
    const [header, start] = readVarint(bytes, at);
    at = start + (header >>> 1);
    return bytes.toString(header & 1 ? 'base64url' : 'base64', start, at);
  });
  return JSON.parse(json);
}

/** The Buffer over these bytes (the driver gives Buffers; a plain Uint8Array is wrapped, not copied). */
export function asBuffer(stored: Uint8Array): Buffer {
  return Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
}

/** Whether a token has a character of base64 only (`+` or `/`): it is then read as base64, else as base64url. */
function hasBase64Only(token: string): boolean {
  return token.includes('+') || token.includes('/');
}

/** A regular expression's source that matches the longest of these phrases, as a trie. */
function trieSource(phrases: readonly string[]): string {
  type Node = { end: boolean; next: Map<string, Node> };
  const root: Node = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const char of phrase) {
      if (!node.next.has(char)) node.next.set(char, { end: false, next: new Map() });
      node = node.next.get(char)!;
    }
    node.end = true;
  }
  const source = (node: Node): string => {
    const branches = [...node.next].map(([char, next]) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + source(next));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return source(root);
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
