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

/** The compact form of this metadata, or undefined when it has another shape. */
export function compactMetadata(metadata: EventMetadata): Buffer | undefined {
  const { correlationId, causationId, principal } = metadata;
  if (typeof correlationId !== 'string' || !UUID.test(correlationId) || typeof principal !== 'string') return undefined;
  if (causationId !== null && (typeof causationId !== 'string' || !UUID.test(causationId))) return undefined;
  let fields = 0;
  for (const _ in metadata) fields++;
  if (fields !== 3) return undefined;
  const name = Buffer.from(principal);
  // A lone surrogate would not come back from UTF-8.
  if (name.toString() !== principal) return undefined;
  const head = causationId === null ? [WITHOUT_CAUSATION, uuidBytes(correlationId)] : [WITH_CAUSATION, uuidBytes(correlationId), uuidBytes(causationId)];
  return Buffer.concat([Buffer.of(head[0] as number), ...(head.slice(1) as Buffer[]), name]);
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

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer, at: number): string {
  const hex = bytes.toString('hex', at, at + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
