import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, loadState } from '@registry/event-store';
import { DomainError } from '@registry/shared-kernel';
import { shopDecider } from '../domain/shop/shop.decide';
import { shopStream } from '../domain/shop/shop.events';

export class GetShop {
  constructor(
    readonly platformId: string,
    readonly shopId: string,
  ) {}
}

export class GetShopHistory {
  constructor(
    readonly platformId: string,
    readonly shopId: string,
  ) {}
}

/** Read from the shop's own stream, so a platform always sees its latest write (no projection lag). */
@QueryHandler(GetShop)
export class GetShopHandler implements IQueryHandler<GetShop> {
  constructor(private readonly store: EventStore) {}

  async execute({ platformId, shopId }: GetShop) {
    const { state, version } = await loadState(this.store, shopStream(platformId, shopId), shopDecider);
    if (!state.exists) throw DomainError.notFound('shop');
    return {
      platformId,
      shopId,
      version,
      status: state.status,
      profile: state.profile,
      claims: [...state.claims.values()],
    };
  }
}

@QueryHandler(GetShopHistory)
export class GetShopHistoryHandler implements IQueryHandler<GetShopHistory> {
  constructor(private readonly store: EventStore) {}

  async execute({ platformId, shopId }: GetShopHistory) {
    const events = await this.store.readStream(shopStream(platformId, shopId));
    if (events.length === 0) throw DomainError.notFound('shop');
    return {
      platformId,
      shopId,
      events: events.map((e) => ({
        version: e.version,
        position: e.position,
        type: e.type,
        recordedAt: e.recordedAt,
        principal: e.metadata.principal,
        correlationId: e.metadata.correlationId,
        data: e.data,
      })),
    };
  }
}
