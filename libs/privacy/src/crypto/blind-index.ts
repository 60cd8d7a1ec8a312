import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of a normalised identifier under the secret index key, so equality lookups work
 * without decrypting. A plain hash would not do: a national ID has too few possible values
 * (12 digits, most of them predictable), anyone could hash them all.
 */
export function blindIndex(indexKey: Buffer, kind: string, normalised: string): string {
  return createHmac('sha256', indexKey).update(`${kind}\u0000${normalised}`).digest('base64url');
}
