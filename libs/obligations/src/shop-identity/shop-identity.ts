import { Injectable } from '@nestjs/common';
import { EventStore, loadState } from '@registry/event-store';
import { shopDecider } from '@registry/registration/domain/shop/shop.decide';
import { shopStream } from '@registry/registration/domain/shop/shop.events';
import { DomainError } from '@registry/shared-kernel';
import { SellerIdentity, ShopClaimView, identifySeller } from '../domain';

/**
 * The shop a report is about, read from the shop's own stream (no projection lag: a shop
 * registered a moment ago can report at once). A shop of another platform reads as a shop that
 * does not exist, so a platform learns nothing about other platforms' shops.
 */
@Injectable()
export class ShopIdentity {
  constructor(private readonly store: EventStore) {}

  async sellerOf(platformId: string, shopId: string, month: string): Promise<SellerIdentity> {
    const { state } = await loadState(this.store, shopStream(platformId, shopId), shopDecider);
    if (!state.exists) {
      throw new DomainError('not_found', `shopId: ${shopId} is not a registered shop of this platform`, [
        { field: 'shopId', reason: 'is not a registered shop of this platform' },
      ]);
    }
    const claims: ShopClaimView[] = [...state.claims.values()].map((claim) => {
      // An erased subject reads { erased: true }: it names nobody any more.
      const subject = claim.subject as { nationalId?: unknown; taxCode?: unknown };
      return {
        role: claim.role,
        status: claim.status,
        verificationMethod: claim.verification.method,
        ...(typeof subject.nationalId === 'string' ? { nationalId: subject.nationalId } : {}),
        ...(typeof subject.taxCode === 'string' ? { taxCode: subject.taxCode } : {}),
        validFrom: claim.validFrom,
        validTo: claim.validTo,
      };
    });
    return identifySeller(claims, month);
  }
}
