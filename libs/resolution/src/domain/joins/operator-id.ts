import { ShopKey } from '../facts/facts';
import { OperatorId } from './resolved-graph';

/**
 * An operator is named after its founding shop, the one first seen (ties by shop key). That is a
 * function of the graph alone, so the whole graph and a neighbourhood read give the same ids, a merge
 * keeps the older id and a split leaves it with the part that holds the founding shop.
 */
export const operatorIdOf = (foundingShop: ShopKey): OperatorId => `op:${foundingShop}`;

export type FirstSeen = (shop: ShopKey) => number;

export const seenBefore =
  (firstSeen: FirstSeen) =>
  (a: ShopKey, b: ShopKey): number =>
    firstSeen(a) - firstSeen(b) || (a < b ? -1 : a > b ? 1 : 0);

export function foundingShop(shops: Iterable<ShopKey>, firstSeen: FirstSeen): ShopKey {
  const order = seenBefore(firstSeen);
  let founder: ShopKey | undefined;
  for (const shop of shops) if (founder === undefined || order(shop, founder) < 0) founder = shop;
  if (founder === undefined) throw new Error('an operator has at least one shop');
  return founder;
}
