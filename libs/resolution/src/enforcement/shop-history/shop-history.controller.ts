import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { EventStore } from '@registry/event-store';
import { CurrentPrincipal, Principal, exampleSchema } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import { HttpRequest } from '@registry/platform';
import { shopKey } from '../../domain';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { ShopPartPipe } from '../shop-key.pipe';
import { flagStream } from '../flag-shop/shop-flagged.event';
import examples from './shop-history.examples.json';

@EnforcementReads()
@Controller('enforcement/shops/:platformId/:shopId/history')
export class ShopHistoryController {
  constructor(
    private readonly store: EventStore,
    private readonly audited: AuditedRead,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The shop’s events, and enforcement’s flags on it, with provenance: position, time, who sent it, correlation id' })
  @ApiOkResponse({ description: 'The shop’s events and enforcement’s flags, with provenance, as known at asOf', schema: exampleSchema(examples.history) })
  history(
    @Param('platformId', new ShopPartPipe('platformId')) platformId: string,
    @Param('shopId', new ShopPartPipe('shopId')) shopId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: HttpRequest,
  ) {
    const shop = shopKey(platformId, shopId);
    return this.audited.run(request, principal, { name: 'shopHistory', params: { shop } }, async () => {
      const events = [...(await this.store.readStream(`shop-${shop}`)), ...(await this.store.readStream(flagStream(platformId, shopId)))];
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
    });
  }
}
