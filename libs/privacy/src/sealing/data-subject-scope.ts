import { blindIndex } from '../crypto/blind-index';
import { ID_NUMBER_KINDS, identifiersIn } from '../personal-data-index/identifiers-in';

/** Characters of a scope's digest: 96 bits, so two subjects of one shop and role share a key with a chance of 2^-96. */
const SCOPE_DIGEST_LENGTH = 16;

/**
 * Who a record is about, as the erasure tells people apart (`erasure/subject-records.ts`): its ID
 * numbers; or, when it bears none, its names; undefined for a record that names no one (a contact
 * e-mail, a pickup point's address and phone).
 *
 * Two records of one shop with the same answer are always erased together: records are found by
 * their identifiers and judged by their ID numbers when they bear any, by their names otherwise,
 * and a name links the records of one shop. Records that name no one are not: each is erased only
 * when it holds a value of the person, and leads no further.
 */
export function dataSubjectOf(value: unknown, field: string): string | undefined {
  const found = identifiersIn(value, field);
  const idNumbers = found.filter((f) => ID_NUMBER_KINDS.includes(f.kind));
  const named = idNumbers.length > 0 ? idNumbers : found.filter((f) => f.kind === 'personName');
  if (named.length === 0) return undefined;
  return [...new Set(named.map((f) => `${f.kind}=${f.value}`))].sort().join('\u0000');
}

/**
 * The data-key scope of a record of one shop (issue 12): one key per shop, retention role and data
 * subject, rather than one per record. The three together, because a shared key is destroyed as a
 * whole:
 *  - the shop, because retention runs from the shop's closing and an erasure by shop takes its records;
 *  - the role, because retention keeps each role its own time (and `REGISTRY_RETENTION` may change it);
 *  - the subject (`dataSubjectOf`), because erasing one person must not destroy another's data.
 * A record that names no one keeps a key of its own, under no scope (null): it is written once, so
 * no later event looks its key up. The subject goes in only as a keyed digest: the scope is stored
 * in clear.
 */
export function dataSubjectScope(stream: string, role: string, subject: string | undefined, blind: (personal: string) => string): string | null {
  return subject === undefined ? null : `${stream}#${blind(`${role}\u0000${subject}`)}`;
}

/** A personal value as a scope may hold it: an HMAC under the index key, apart from the blind indexes of identifiers. */
export function scopeDigest(indexKey: Buffer, personal: string): string {
  return blindIndex(indexKey, 'data-key-scope', personal).slice(0, SCOPE_DIGEST_LENGTH);
}
