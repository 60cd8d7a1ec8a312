import { Injectable } from '@nestjs/common';
import { ShopState, shopDecider, shopStream } from '@registry/registration/domain';
import { DomainError } from '@registry/shared-kernel';
import { SellerIdentity, ShopClaimView, identifySeller } from '../domain';
import { StreamStates } from '../report-sales/stream-states';

export interface ShopMonth {
  readonly platformId: string;
  readonly shopId: string;
  readonly month: string;
}

/**
 * The shops reports are about, read from their own streams (no projection lag: a shop registered
 * a moment ago can report at once). A shop of another platform reads as a shop that does not
 * exist, so a platform learns nothing about other platforms' shops.
 */
@Injectable()
export class ShopIdentity {
  constructor(private readonly states: StreamStates) {}

  /** Who is behind each shop in its month, or why there is no such shop; in the order asked. */
  async sellersOf(shops: readonly ShopMonth[]): Promise<(SellerIdentity | DomainError)[]> {
    const states = await this.states.loadMany(
      shops.map((s) => shopStream(s.platformId, s.shopId)),
      shopDecider,
    );
    return shops.map(({ platformId, shopId, month }) => sellerIn(states.get(shopStream(platformId, shopId))!.state, shopId, month));
  }
}

function sellerIn(state: ShopState, shopId: string, month: string): SellerIdentity | DomainError {
  if (!state.exists) {
    return new DomainError('not_found', `shopId: ${shopId} is not a registered shop of this platform`, [
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
