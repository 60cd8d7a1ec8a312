import { EventMetadata } from '../../envelope';

/**
 * How SQLite stores the usual metadata (issue 12): a correlation id that is a UUID in small
 * letters, a causation id that is one too or null, a principal, nothing else, as bytes:
 * `[1][correlation: 16 bytes][principal]` or `[2][correlation][causation: 16 bytes][principal]`,
 * 29 bytes for a platform's request instead of 55 characters of JSON, held at the head of the
 * event's data (compact-data.ts form 2). Anything else is stored as JSON text in the metadata
 * column (stored-metadata.ts), as every row was before.
 */
const WITHOUT_CAUSATION = 1;
const WITH_CAUSATION = 2;
const SURROGATE = /[\ud800-\udfff]/;

/** The compact form of this metadata, or undefined when it has another shape. */
export function compactMetadata(metadata: EventMetadata): Buffer | undefined {
  const { correlationId, causationId, principal } = metadata;
  if (typeof correlationId !== 'string' || typeof principal !== 'string') return undefined;
  if (causationId !== null && typeof causationId !== 'string') return undefined;
  // A surrogate may be a lone one, which would not come back from UTF-8: such a principal keeps the JSON form.
  if (SURROGATE.test(principal)) return undefined;
  let fields = 0;
  for (const _ in metadata) fields++;
  if (fields !== 3) return undefined;
  const caused = causationId !== null;
  const start = caused ? 33 : 17;
  const stored = Buffer.allocUnsafe(start + Buffer.byteLength(principal));
  stored[0] = caused ? WITH_CAUSATION : WITHOUT_CAUSATION;
  if (!writeUuid(stored, 1, correlationId) || (caused && !writeUuid(stored, 17, causationId))) return undefined;
  stored.write(principal, start);
  return stored;
}

/** The metadata a compact form holds, in `bytes` from `start` to `end`. */
export function metadataFromBytes(bytes: Buffer, start = 0, end = bytes.length): EventMetadata {
  const form = bytes[start];
  if (form !== WITHOUT_CAUSATION && form !== WITH_CAUSATION) throw new Error(`event metadata in an unknown form ${form}`);
  const caused = form === WITH_CAUSATION;
  return {
    correlationId: uuidText(bytes, start + 1),
    causationId: caused ? uuidText(bytes, start + 17) : null,
    principal: bytes.toString('utf8', start + (caused ? 33 : 17), end),
  };
}

/** The value of each small hexadecimal digit by its character code, -1 for any other ASCII character. */
const HEX_VALUE = Array.from({ length: 128 }, (_, code) => '0123456789abcdef'.indexOf(String.fromCharCode(code)));

/**
 * Writes the 16 bytes of a UUID in small letters at `at`, checking it as it goes (a regular
 * expression and `write(…, 'hex')` of its five parts cost 1 µs an event): false when it is not one.
 */
function writeUuid(bytes: Buffer, at: number, uuid: string): boolean {
  if (uuid.length !== 36) return false;
  let char = 0;
  for (let n = 0; n < 16; n++) {
    if (n === 4 || n === 6 || n === 8 || n === 10) {
      if (uuid.charCodeAt(char) !== 0x2d) return false;
      char++;
    }
    const high = HEX_VALUE[uuid.charCodeAt(char)];
    const low = HEX_VALUE[uuid.charCodeAt(char + 1)];
    // Past ASCII the table has no entry: undefined is not >= 0 either.
    if (!(high >= 0 && low >= 0)) return false;
    bytes[at + n] = high * 16 + low;
    char += 2;
  }
  return true;
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

/** The UUID of 16 bytes, by table: `toString('hex')` and slicing cost several times more per event read. */
function uuidText(bytes: Buffer, at: number): string {
  let text = '';
  for (let n = 0; n < 16; n++) {
    if (n === 4 || n === 6 || n === 8 || n === 10) text += '-';
    text += HEX[bytes[at + n]];
  }
  return text;
}
