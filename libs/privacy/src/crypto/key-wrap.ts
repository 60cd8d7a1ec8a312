import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/** RFC 3394's initial value: unwrapping checks it, so a wrong key or a changed byte is told apart (64 bits). */
const INITIAL_VALUE = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

/** Bytes of a 32-byte key wrapped: the key and 8 bytes of integrity check. */
export const WRAPPED_KEY_BYTES = 40;

/** The key-encryption key of one data key id: the master key's HMAC of the id, so a wrapped key opens only under its own id. */
const keyEncryptionKey = (master: Buffer, keyId: string) => createHmac('sha256', master).update(`data-key\u0000${keyId}`).digest();

/**
 * A 32-byte data key wrapped by a master key with AES key wrap (RFC 3394, NIST SP 800-38F's KW),
 * bound to its id: 40 bytes, where AES-GCM took 60 (a 12-byte IV, the key, a 16-byte tag; issue
 * 12). Key wrap needs no IV: it is deterministic, which a key-wrapping mode may be because what it
 * wraps is a random key, never the same twice under one key-encryption key (each id has its own).
 */
export function wrapKey(master: Buffer, key: Buffer, keyId: string): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', keyEncryptionKey(master, keyId), INITIAL_VALUE);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

/** The key `wrapKey` wrapped; throws when the master key or the id is not the one it was wrapped with, or a byte changed. */
export function unwrapKey(master: Buffer, wrapped: Buffer, keyId: string): Buffer {
  const decipher = createDecipheriv('id-aes256-wrap', keyEncryptionKey(master, keyId), INITIAL_VALUE);
  return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}
