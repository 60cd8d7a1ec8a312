import { DomainError } from '@registry/shared-kernel';
import { ShopIdPipe } from './shop-id.pipe';

const pipe = new ShopIdPipe();
const param = (data: string) => ({ type: 'param' as const, data });

describe('ShopIdPipe', () => {
  it('passes a shop id through as sent', () => {
    expect(pipe.transform('Shop_889.123-a', param('shopId'))).toBe('Shop_889.123-a');
  });

  it('refuses a bad path parameter as invalid input naming that parameter', () => {
    for (const [value, field] of [
      ['a b', 'shopId'],
      ['x'.repeat(101), 'otherShopId'],
      ['shopee:a', 'platformId'],
    ]) {
      expect(() => pipe.transform(value, param(field))).toThrow(
        expect.objectContaining<Partial<DomainError>>({ kind: 'invalid', problems: [{ field, reason: 'must be 1 to 100 letters, digits or . _ -' }] }),
      );
    }
  });
});
