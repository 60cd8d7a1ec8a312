import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SalesReportItem, SalesReportOutcome, SalesReportRecorder } from './sales-report-recorder';

/** Reports of one platform (one, or a slice of a bulk request), recorded in one transaction; an outcome per report, in order. */
export class RecordSalesReports extends Command<SalesReportOutcome[]> {
  constructor(readonly items: readonly SalesReportItem[]) {
    super();
  }
}

@CommandHandler(RecordSalesReports)
export class RecordSalesReportsHandler implements ICommandHandler<RecordSalesReports> {
  constructor(private readonly recorder: SalesReportRecorder) {}

  execute({ items }: RecordSalesReports): Promise<SalesReportOutcome[]> {
    return this.recorder.record(items);
  }
}
