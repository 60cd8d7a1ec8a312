import * as crypto from 'node:crypto';
import { blindIndex, blindIndexOf } from './blind-index';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, createHmac: jest.fn(actual.createHmac) };
});

describe('blind indexes of an event', () => {
  const key = crypto.randomBytes(32);
  const other = crypto.randomBytes(32);
  beforeEach(() => jest.mocked(crypto.createHmac).mockClear());

  it('are the blind indexes, each made once per event, kind and value', () => {
    const event = { id: 'e1' };
    const hmac = jest.mocked(crypto.createHmac);
    expect(blindIndexOf(event, key, 'phone', '0912345678')).toBe(blindIndex(key, 'phone', '0912345678'));
    expect(hmac).toHaveBeenCalledTimes(2);
    expect(blindIndexOf(event, key, 'phone', '0912345678')).toBe(blindIndex(key, 'phone', '0912345678'));
    expect(hmac).toHaveBeenCalledTimes(3);
    expect(blindIndexOf(event, key, 'nationalId', '0912345678')).toBe(blindIndex(key, 'nationalId', '0912345678'));
    expect(blindIndexOf({ id: 'e2' }, key, 'phone', '0912345678')).toBe(blindIndex(key, 'phone', '0912345678'));
    expect(hmac).toHaveBeenCalledTimes(7);
  });

  it('are made again under another index key', () => {
    const event = { id: 'e1' };
    blindIndexOf(event, key, 'phone', '0912345678');
    expect(blindIndexOf(event, other, 'phone', '0912345678')).toBe(blindIndex(other, 'phone', '0912345678'));
    expect(blindIndexOf(event, other, 'phone', '0912345678')).not.toBe(blindIndex(key, 'phone', '0912345678'));
  });
});
