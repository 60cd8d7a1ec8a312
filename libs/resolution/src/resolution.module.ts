import { Module } from '@nestjs/common';
import { REGISTRY_CONFIG } from '@registry/platform';
import { AuditTrailController } from './audit/audit-trail.controller';
import { SearchAuditTrailHandler } from './audit/audit-trail.query';
import { EnforcementAudit } from './audit/enforcement-audit';
import { AuditedRead } from './enforcement/audited-read';
import { FindOperatorsOfPersonHandler } from './enforcement/find-operators-of-person/operators-of-person.query';
import { PersonSearchController } from './enforcement/find-operators-of-person/person-search.controller';
import { OperatorSearchController } from './enforcement/find-operators-of-shops/operator-search.controller';
import { FindOperatorsOfShopsHandler } from './enforcement/find-operators-of-shops/operators-of-shops.query';
import { FlagShopHandler } from './enforcement/flag-shop/flag-shop.command';
import { FlagShopController } from './enforcement/flag-shop/flag-shop.controller';
import { GetOperatorFormationHandler, GetOperatorNetworkHandler, GetOperatorOfShopHandler } from './enforcement/operator-of-shop/operator-of-shop.query';
import { OperatorOfShopController } from './enforcement/operator-of-shop/operator-of-shop.controller';
import { ShopHistoryController } from './enforcement/shop-history/shop-history.controller';
import { GetShopHistoryHandler } from './enforcement/shop-history/shop-history.query';
import { ShopsByIdentifierController } from './enforcement/shops-by-identifier/shops-by-identifier.controller';
import { FindShopsByIdentifierHandler } from './enforcement/shops-by-identifier/shops-by-identifier.query';
import { WhyTogetherController } from './enforcement/why-together/why-together.controller';
import { ExplainWhyTogetherHandler } from './enforcement/why-together/why-together.query';
import { IdentityGraphReader, RESOLUTION_POLICY } from './reading/identity-graph.reader';
import { OperatorMembership } from './reading/operator-membership';
import { resolutionPolicyOf } from './reading/resolution-policy.config';
import { OperatorViewDateLifecycle } from './operator-view/operator-view-date.reactor';

/** Enforcement's questions (who runs this shop, what else, why, as of when), every read audited. */
@Module({
  controllers: [
    OperatorOfShopController,
    WhyTogetherController,
    ShopsByIdentifierController,
    PersonSearchController,
    OperatorSearchController,
    ShopHistoryController,
    FlagShopController,
    AuditTrailController,
  ],
  providers: [
    {
      provide: RESOLUTION_POLICY,
      inject: [REGISTRY_CONFIG],
      useFactory: resolutionPolicyOf,
    },
    IdentityGraphReader,
    OperatorMembership,
    EnforcementAudit,
    AuditedRead,
    SearchAuditTrailHandler,
    FindOperatorsOfPersonHandler,
    FindOperatorsOfShopsHandler,
    FlagShopHandler,
    GetOperatorOfShopHandler,
    GetOperatorFormationHandler,
    GetOperatorNetworkHandler,
    ExplainWhyTogetherHandler,
    FindShopsByIdentifierHandler,
    GetShopHistoryHandler,
    OperatorViewDateLifecycle,
  ],
  exports: [OperatorMembership, IdentityGraphReader, AuditedRead],
})
export class ResolutionModule {}
