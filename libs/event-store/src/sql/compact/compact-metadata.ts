import { EventMetadata } from '../../envelope';
import { uuidText, writeUuid } from '../uuid-bytes';

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
