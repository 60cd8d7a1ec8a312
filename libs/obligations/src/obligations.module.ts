import { Module } from '@nestjs/common';
import { MetricsModule } from '@registry/platform';
import { OperatorOfShop, PerShopAttribution } from './attribution/operator-of-shop';
import { TaxRelayLifecycle } from './delivery/tax-relay.lifecycle';
import { BulkReportSalesController } from './report-sales/bulk-report-sales.controller';
import { ReportSalesController } from './report-sales/report-sales.controller';
import { ReportSalesHandler } from './report-sales/report-sales.handler';
import { ShopIdentity } from './shop-identity/shop-identity';
import { TaxEventLog } from './tax-events/tax-event-log';
import { TaxFeed } from './tax-feed/tax-feed';
import { TaxFeedController } from './tax-feed/tax-feed.controller';
import { WithholdingRulesController } from './withholding-rules/withholding-rules.controller';
import { withholdingRulesProvider } from './withholding-rules/withholding-rules.provider';

/**
 * Tax obligations: sales reports from platforms, assessment under the withholding rule table,
 * yearly revenue per seller, and delivery to the tax office (Kafka relay, HTTP feed).
 */
@Module({
  imports: [MetricsModule],
  controllers: [BulkReportSalesController, ReportSalesController, TaxFeedController, WithholdingRulesController],
  providers: [
    withholdingRulesProvider,
    ShopIdentity,
    { provide: OperatorOfShop, useClass: PerShopAttribution },
    ReportSalesHandler,
    TaxEventLog,
    TaxFeed,
    TaxRelayLifecycle,
  ],
  exports: [TaxRelayLifecycle, TaxFeed],
})
export class ObligationsModule {}
