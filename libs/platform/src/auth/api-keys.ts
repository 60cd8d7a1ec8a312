import { createHash, randomBytes } from 'node:crypto';

/** Marks a registry key, so that a leaked one is recognisable (secret scanners) and told apart from a JWT. */
export const API_KEY_PREFIX = 'sir_';

/** `sir_` and 32 random bytes (256 bits) in base64url. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * sha256 hex of the key, the only form the registry keeps. A slow password hash (bcrypt, scrypt)
 * protects low-entropy secrets against guessing; a 256-bit random key cannot be guessed, so a fast
 * hash loses nothing, and it lets a request find its principal by an indexed lookup of the hash.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
