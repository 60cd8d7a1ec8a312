import { EventMetadata } from '../../envelope';

/**
 * How SQLite stores the usual metadata (issue 12): a correlation id that is a UUID in small
 * letters, a causation id that is one too or null, a principal, nothing else, as bytes:
 * `[1][correlation: 16 bytes][principal]` or `[2][correlation][causation: 16 bytes][principal]`,
 * 29 bytes for a platform's request instead of 55 characters of JSON. Anything else is stored as
 * JSON text (stored-metadata.ts), as every row was before.
 */
const WITHOUT_CAUSATION = 1;
const WITH_CAUSATION = 2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SURROGATE = /[\ud800-\udfff]/;

/** The compact form of this metadata, or undefined when it has another shape. */
export function compactMetadata(metadata: EventMetadata): Buffer | undefined {
  const { correlationId, causationId, principal } = metadata;
  if (typeof correlationId !== 'string' || !UUID.test(correlationId) || typeof principal !== 'string') return undefined;
  if (causationId !== null && (typeof causationId !== 'string' || !UUID.test(causationId))) return undefined;
  // A surrogate may be a lone one, which would not come back from UTF-8: such a principal keeps the JSON form.
  if (SURROGATE.test(principal)) return undefined;
  let fields = 0;
  for (const _ in metadata) fields++;
  if (fields !== 3) return undefined;
  const caused = causationId !== null;
  const start = caused ? 33 : 17;
  const stored = Buffer.allocUnsafe(start + Buffer.byteLength(principal));
  stored[0] = caused ? WITH_CAUSATION : WITHOUT_CAUSATION;
  writeUuid(stored, 1, correlationId);
  if (caused) writeUuid(stored, 17, causationId);
  stored.write(principal, start);
  return stored;
}

/** The metadata a compact form holds. */
export function metadataFromBytes(stored: Uint8Array): EventMetadata {
  const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes[0] !== WITHOUT_CAUSATION && bytes[0] !== WITH_CAUSATION) throw new Error(`event metadata in an unknown form ${bytes[0]}`);
  const caused = bytes[0] === WITH_CAUSATION;
  return {
    correlationId: uuidText(bytes, 1),
    causationId: caused ? uuidText(bytes, 17) : null,
    principal: bytes.toString('utf8', caused ? 33 : 17),
  };
}

function writeUuid(bytes: Buffer, at: number, uuid: string): void {
  bytes.write(uuid.slice(0, 8), at, 'hex');
  bytes.write(uuid.slice(9, 13), at + 4, 'hex');
  bytes.write(uuid.slice(14, 18), at + 6, 'hex');
  bytes.write(uuid.slice(19, 23), at + 8, 'hex');
  bytes.write(uuid.slice(24), at + 10, 'hex');
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
