import { Inject, Injectable } from '@nestjs/common';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndex } from '@registry/privacy/core';
import { SellerIdentity } from '../domain';

export interface ShopRef {
  readonly platformId: string;
  readonly shopId: string;
}

/**
 * To whom a shop's revenue is attributed as a taxpayer: the seller. The key names the yearly-revenue
 * stream and is the Kafka key (so each seller's events stay in order), so it is a pseudonym, never
 * personal data in clear. The real operator behind several sellers is a separate view, with events
 * of its own (operator-revenue/), because a cluster's grouping changes after the fact while an
 * assessment names the taxpayer the platform withheld for.
 */
export abstract class SellerAttribution {
  abstract attributionKey(shop: ShopRef, seller: SellerIdentity): Promise<string>;
}

/**
 * The seller's tax id when the shop has a verified one (`tin:` + its blind index under
 * the index key, so every shop of one tax id, on any platform, shares the key), else the shop alone.
 */
@Injectable()
export class TaxIdAttribution extends SellerAttribution {
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
