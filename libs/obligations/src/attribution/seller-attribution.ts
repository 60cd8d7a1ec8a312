import { Inject, Injectable } from '@nestjs/common';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndex } from '@registry/privacy/core';
import { SellerIdentity } from '../domain';

export interface ShopRef {
  readonly platformId: string;
  readonly shopId: string;
}

/**
 * The seam for the operator view: to whom a shop's revenue is attributed. The key names the
 * yearly-revenue stream and is the Kafka key (so each seller's events stay in order), so it is a
 * pseudonym, never personal data in clear. When operator clusters are available (libs/resolution),
 * an implementation returning the shop's operator cluster replaces the per-shop one below, and
 * revenue split across front shops of one operator becomes one figure.
 */
export abstract class OperatorOfShop {
  abstract attributionKey(shop: ShopRef, seller: SellerIdentity): Promise<string>;
}

/**
 * Until then: the seller's tax id when the shop has a verified one (`tin:` + its blind index under
 * the index key, so every shop of one tax id, on any platform, shares the key), else the shop alone.
 */
@Injectable()
export class PerShopAttribution extends OperatorOfShop {
  constructor(@Inject(KEYRING) private readonly keyring: Keyring) {
    super();
  }

  async attributionKey(shop: ShopRef, seller: SellerIdentity): Promise<string> {
    if (!seller.identified) return `shop:${shop.platformId}:${shop.shopId}`;
    // Both kinds under one name: since July 2025 an individual's personal ID number is their tax code.
    const taxId = 'taxCode' in seller.taxId ? seller.taxId.taxCode : seller.taxId.nationalId;
    return `tin:${blindIndex(this.keyring.indexKey, 'taxId', taxId)}`;
  }
}
