import { parseShopId, parseShopStream, shopStream } from './shop-id';

describe('parseShopId', () => {
  it('accepts letters, digits, dots, underscores and hyphens, as sent', () => {
    expect(parseShopId('Shop_889.123-a')).toEqual({ ok: true, value: { kind: 'shopId', value: 'Shop_889.123-a' } });
  });

  it('accepts 1 to 100 characters', () => {
    expect(parseShopId('x')).toMatchObject({ ok: true });
    expect(parseShopId('x'.repeat(100))).toMatchObject({ ok: true });
    expect(parseShopId('x'.repeat(101))).toEqual({ ok: false, reason: 'must be 1 to 100 letters, digits or . _ -' });
    expect(parseShopId('')).toEqual({ ok: false, reason: 'must be 1 to 100 letters, digits or . _ -' });
  });

  it('refuses a colon, a space and anything that is not a string, and never trims', () => {
    for (const raw of ['a:b', 'a b', ' shop-1', 'shop-1\n', 'cửa-hàng']) expect(parseShopId(raw)).toMatchObject({ ok: false });
    expect(parseShopId(12345)).toEqual({ ok: false, reason: 'must be a string' });
  });
});

describe('shop stream', () => {
  it('names a shop’s stream and reads the shop back from it', () => {
    expect(shopStream('shopee', 'shop-889123')).toBe('shop-shopee:shop-889123');
    expect(parseShopStream(shopStream('shopee', 'shop-889123'))).toEqual({ platformId: 'shopee', shopId: 'shop-889123' });
  });

  it('reads no shop from another context’s stream', () => {
    for (const stream of ['flag-shopee:s-1', 'sales-shopee:s-1:2025-08', 'attestation-vcb:r-1', 'shop-no-colon']) expect(parseShopStream(stream)).toBeNull();
  });
});
