import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const ALGORITHM = 'AES-256-GCM';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Ciphertext with what is needed to open it, as the first version stored it: three base64 strings in JSON. */
export interface Sealed {
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/**
 * Random IVs drawn 256 at a time: a call into the random source costs about 5 µs whatever it draws,
 * as much as the rest of sealing a claim (issue 14). Each IV is its own 12 bytes of the pool, used once.
 */
const POOL_IVS = 256;
let ivPool = Buffer.alloc(0);
let nextIv = POOL_IVS;

function freshIv(): Buffer {
  if (nextIv === POOL_IVS) {
    ivPool = randomBytes(IV_BYTES * POOL_IVS);
    nextIv = 0;
  }
  return ivPool.subarray(IV_BYTES * nextIv, IV_BYTES * ++nextIv);
}

/**
 * AES-256-GCM with a fresh 96-bit IV; `aad` binds the ciphertext to where it belongs. The result
 * is one buffer, IV ‖ ciphertext ‖ tag: stored as one base64 string it takes 40% fewer characters
 * than the three of `Sealed` with their field names.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Opens what `seal` made, or the earlier `Sealed` form; throws when the key, the ciphertext or the aad is not the one it was sealed with. */
export function open(key: Buffer, sealed: Buffer | Sealed, aad: string): Buffer {
  const [iv, ct, tag] = Buffer.isBuffer(sealed)
    ? [sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES), sealed.subarray(sealed.length - TAG_BYTES)]
    : [Buffer.from(sealed.iv, 'base64'), Buffer.from(sealed.ct, 'base64'), Buffer.from(sealed.tag, 'base64')];
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  const text = decipher.update(ct);
  // GCM gives everything from update; final only checks the tag (and throws when it does not match).
  const rest = decipher.final();
  return rest.length === 0 ? text : Buffer.concat([text, rest]);
}
