import { fail, ok, Parsed } from './parsed';

/** A platform's own id for one of its shops: the platform chose it, so it is kept exactly as sent. */
export type ShopId = { readonly kind: 'shopId'; readonly value: string };

export const SHOP_ID_RULE = 'must be 1 to 100 letters, digits or . _ -';

// No colon: a shop's key (`platformId:shopId`) and its stream name split at the first one.
const SHOP_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Not trimmed nor normalised: a path segment and a stream name must name the shop the platform registered. */
export function parseShopId(raw: unknown): Parsed<ShopId> {
  if (typeof raw !== 'string') return fail('must be a string');
  return SHOP_ID.test(raw) ? ok({ kind: 'shopId', value: raw }) : fail(SHOP_ID_RULE);
}

const STREAM = /^shop-([^:]+):(.+)$/;

/** The name of a shop's event stream. */
export const shopStream = (platformId: string, shopId: string): string => `shop-${platformId}:${shopId}`;

/** The shop whose stream this is, or null for any other stream. */
export function parseShopStream(stream: string): { readonly platformId: string; readonly shopId: string } | null {
  const match = STREAM.exec(stream);
  return match ? { platformId: match[1], shopId: match[2] } : null;
}
