import { randomBytes } from 'node:crypto';
import { open, seal } from './aes-gcm';

describe('AES-GCM sealing', () => {
  const key = randomBytes(32);

  it('gives every sealing an IV of its own, across refills of the pool of IVs', () => {
    const ivs = Array.from({ length: 1000 }, () => seal(key, Buffer.from('x'), 'aad').subarray(0, 12).toString('hex'));
    expect(new Set(ivs).size).toBe(1000);
  });

  it('opens what it sealed, and nothing sealed for another place', () => {
    const sealed = Array.from({ length: 300 }, (_, i) => seal(key, Buffer.from(`value ${i}`), `shop-${i}`));
    sealed.forEach((s, i) => expect(open(key, s, `shop-${i}`).toString()).toBe(`value ${i}`));
    expect(() => open(key, sealed[0], 'shop-1')).toThrow();
  });
});
