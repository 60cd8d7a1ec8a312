import { randomBytes } from 'node:crypto';
import { WRAPPED_KEY_BYTES, unwrapKey, wrapKey } from './key-wrap';

describe('a data key wrapped by a master key', () => {
  const master = randomBytes(32);
  const key = randomBytes(32);
  const wrapped = wrapKey(master, key, '1k95eif6j9e29v1v1');

  it('takes 40 bytes and opens under the same master key and id', () => {
    expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
    expect(unwrapKey(master, wrapped, '1k95eif6j9e29v1v1')).toEqual(key);
  });

  it('opens under no other master key, under no other id, and not once a byte changed', () => {
    expect(() => unwrapKey(randomBytes(32), wrapped, '1k95eif6j9e29v1v1')).toThrow();
    expect(() => unwrapKey(master, wrapped, '1k95eif6j9e29v1v2')).toThrow();
    const changed = Buffer.from(wrapped);
    changed[20] ^= 1;
    expect(() => unwrapKey(master, changed, '1k95eif6j9e29v1v1')).toThrow();
  });

  it('hides the key, and wraps it to other bytes under another id', () => {
    expect(wrapped.indexOf(key.subarray(0, 8))).toBe(-1);
    expect(wrapKey(master, key, '1k95eif6j9e29v1v2')).not.toEqual(wrapped);
  });
});
