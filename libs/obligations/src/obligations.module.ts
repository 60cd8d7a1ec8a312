import { Module } from '@nestjs/common';
import { MetricsModule } from '@registry/platform';
import { ResolutionModule } from '@registry/resolution';
import { SellerAttribution, TaxIdAttribution } from './attribution/seller-attribution';
import { TaxRelayLifecycle } from './delivery/tax-relay.lifecycle';
import { OperatorRevenueAttributor } from './operator-revenue/operator-revenue-attributor';
import { OperatorRevenueLifecycle } from './operator-revenue/operator-revenue.lifecycle';
import { OperatorTax } from './operator-tax/operator-tax';
import { OperatorTaxController } from './operator-tax/operator-tax.controller';
import { GetOperatorTaxHandler } from './operator-tax/operator-tax.query';
import { BulkReportSalesController } from './report-sales/bulk-report-sales.controller';
import { RecordSalesReportsHandler } from './report-sales/record-sales-reports.command';
import { ReportSalesController } from './report-sales/report-sales.controller';
import { SalesReportRecorder } from './report-sales/sales-report-recorder';
import { StreamStates } from './report-sales/stream-states';
import { ShopIdentity } from './shop-identity/shop-identity';
import { TaxEventLog } from './tax-events/tax-event-log';
import { TaxFeed } from './tax-feed/tax-feed';
import { TaxFeedController } from './tax-feed/tax-feed.controller';
import { ReadTaxFeedHandler } from './tax-feed/tax-feed.query';
import { TaxSchemasController } from './tax-schemas/tax-schemas.controller';
import { WithholdingRulesController } from './withholding-rules/withholding-rules.controller';
import { withholdingRulesProvider } from './withholding-rules/withholding-rules.provider';
import { GetWithholdingRulesHandler } from './withholding-rules/withholding-rules.query';

/**
 * Tax obligations: sales reports from platforms, assessment under the withholding rule table,
 * yearly revenue per seller and per real operator, and delivery to the tax office (Kafka relay, HTTP feed).
 */
@Module({
  imports: [MetricsModule, ResolutionModule],
  controllers: [BulkReportSalesController, OperatorTaxController, ReportSalesController, TaxFeedController, TaxSchemasController, WithholdingRulesController],
  providers: [
    withholdingRulesProvider,
    StreamStates,
    ShopIdentity,
    { provide: SellerAttribution, useClass: TaxIdAttribution },
    SalesReportRecorder,
    TaxEventLog,
    TaxFeed,
    TaxRelayLifecycle,
    OperatorRevenueAttributor,
    OperatorRevenueLifecycle,
    OperatorTax,
    RecordSalesReportsHandler,
    GetOperatorTaxHandler,
    ReadTaxFeedHandler,
    GetWithholdingRulesHandler,
  ],
  exports: [TaxRelayLifecycle, TaxFeed],
})
export class ObligationsModule {}
