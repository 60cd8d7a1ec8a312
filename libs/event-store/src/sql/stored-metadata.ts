import { EventMetadata } from '../envelope';

/**
 * How an event's metadata is stored as JSON (issue 12): on PostgreSQL, and on SQLite when the
 * compact bytes of compact/compact-metadata.ts cannot hold it. The usual metadata, a correlation id, a principal
 * and a causation id that are strings (or a null causation) and nothing else, as a JSON array
 * `[correlationId, principal]` or `[correlationId, principal, causationId]`; any other metadata as
 * its JSON object, as every event was stored before. The array leaves out the three names, about
 * 45 of the 102 characters of a registration's metadata. Rows stored as objects are read as they
 * are: no event is rewritten.
 */
export function storedMetadata(metadata: EventMetadata): string {
  const { correlationId, causationId, principal, ...extra } = metadata;
  const compact =
    typeof correlationId === 'string' &&
    typeof principal === 'string' &&
    (causationId === null || typeof causationId === 'string') &&
    Object.keys(extra).length === 0;
  if (!compact) return JSON.stringify(metadata);
  return JSON.stringify(causationId === null ? [correlationId, principal] : [correlationId, principal, causationId]);
}

/** The metadata a stored value (parsed JSON) holds, in either form. */
export function metadataOf(stored: unknown): EventMetadata {
  if (!Array.isArray(stored)) return stored as EventMetadata;
  const [correlationId, principal, causationId = null] = stored as [string, string, string | null | undefined];
  return { correlationId, causationId, principal };
}
