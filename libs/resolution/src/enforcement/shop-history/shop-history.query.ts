import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@registry/event-store';
import { shopStream } from '@registry/registration/domain';
import { DomainError } from '@registry/shared-kernel';
import { shopKey } from '../../domain';
import { flagStream } from '../../domain/flag/shop-flagged';
import { ReadPoint, Subjects } from '../../reading/identity-graph.reader';

export interface ShopHistory {
  readonly point: ReadPoint;
  readonly subjects: Subjects;
  readonly shop: string;
  readonly events: readonly {
    readonly position: number;
    readonly stream: string;
    readonly version: number;
    readonly type: string;
    readonly recordedAt: string;
    readonly provenance: { readonly principal: string; readonly correlationId: string; readonly causationId: string | null };
    readonly personalData: { readonly erased: boolean; readonly fields: readonly string[] } | undefined;
    readonly data: unknown;
  }[];
}

/** The shop's events and enforcement's flags on it, in log order, with provenance. */
export class GetShopHistory extends Query<ShopHistory> {
  constructor(
    readonly platformId: string,
    readonly shopId: string,
  ) {
    super();
  }
}

@QueryHandler(GetShopHistory)
export class GetShopHistoryHandler implements IQueryHandler<GetShopHistory> {
  constructor(private readonly store: EventStore) {}

  async execute({ platformId, shopId }: GetShopHistory): Promise<ShopHistory> {
    const shop = shopKey(platformId, shopId);
    const events = [...(await this.store.readStream(shopStream(platformId, shopId))), ...(await this.store.readStream(flagStream(platformId, shopId)))];
    if (events.length === 0) throw DomainError.notFound(`shop ${shop}`);
    events.sort((a, b) => a.position - b.position);
    return {
      point: { position: events[events.length - 1].position, date: events[events.length - 1].recordedAt.slice(0, 10), recordedBy: null },
      subjects: { shops: [shop], persons: [] },
      shop,
      events: events.map((e) => ({
        position: e.position,
        stream: e.stream,
        version: e.version,
        type: e.type,
        recordedAt: e.recordedAt,
        provenance: { principal: e.metadata.principal, correlationId: e.metadata.correlationId, causationId: e.metadata.causationId },
        personalData: e.personalData ? { erased: e.personalData.erased, fields: e.personalData.fields } : undefined,
        data: e.data,
      })),
    };
  }
}
