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
