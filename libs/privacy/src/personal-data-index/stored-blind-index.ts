import { blindIndex, blindIndexOf } from '../crypto/blind-index';

/**
 * Characters of a blind index that `personal_data_index` keeps: 22 base64url characters, the
 * first 132 bits of the HMAC (issue 12: it kept all 43). Equal values still find each other, and
 * the chance that any two of ten billion different identifiers share their first 132 bits is
 * below 10^-19, while each row is 21 characters shorter.
 */
export const STORED_BLIND_LENGTH = 22;

/** The blind index of an identifier as the personal-data index stores and matches it. */
export function storedBlindIndex(indexKey: Buffer, kind: string, normalised: string): string {
  return blindIndex(indexKey, kind, normalised).slice(0, STORED_BLIND_LENGTH);
}

/** `storedBlindIndex` of an identifier read from an event, made once for every projection of the event (`blindIndexOf`). */
export function storedBlindIndexOf(source: object, indexKey: Buffer, kind: string, normalised: string): string {
  return blindIndexOf(source, indexKey, kind, normalised).slice(0, STORED_BLIND_LENGTH);
}
