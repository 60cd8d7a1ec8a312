import { KeyObject, createHmac, createSecretKey } from 'node:crypto';

/**
 * The index key as a key object, made once per key: an HMAC keyed by the raw bytes imports them
 * anew each time, about a quarter of its cost (issue 14: a bulk onboarding blinds each identifier
 * of every claim twice, for the identity graph and the personal-data index).
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();

/**
 * HMAC-SHA256 of a normalised identifier under the secret index key, so equality lookups work
 * without decrypting. A plain hash would not do: a national ID has too few possible values
 * (12 digits, most of them predictable), anyone could hash them all.
 */
export function blindIndex(indexKey: Buffer, kind: string, normalised: string): string {
  let key = keyObjects.get(indexKey);
  if (key === undefined) keyObjects.set(indexKey, (key = createSecretKey(indexKey)));
  return createHmac('sha256', key).update(`${kind}\u0000${normalised}`).digest('base64url');
}

/** The blind indexes made from one event so far, with the key they were made under. */
interface Made {
  readonly indexKey: Buffer;
  readonly digests: Map<string, string>;
}

const madeFrom = new WeakMap<object, Made>();

/**
 * `blindIndex` of an identifier read from `source` (an event as the projections are handed it),
 * kept with the event for as long as it lives: the identity graph and the personal-data index blind
 * the same identifiers of the same events in one batch, about seven HMACs a shop each (issue 14).
 */
export function blindIndexOf(source: object, indexKey: Buffer, kind: string, normalised: string): string {
  let made = madeFrom.get(source);
  if (made === undefined || made.indexKey !== indexKey) madeFrom.set(source, (made = { indexKey, digests: new Map() }));
  const key = `${kind}\u0000${normalised}`;
  let digest = made.digests.get(key);
  if (digest === undefined) made.digests.set(key, (digest = blindIndex(indexKey, kind, normalised)));
  return digest;
}
