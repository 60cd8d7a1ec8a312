import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { seededEventId, timeOrderedId } from '@registry/event-store';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, commandContext, exampleSchema } from '@registry/platform';
import { platformOf } from '@registry/registration';
import { ReportSalesDto } from './report-sales.dto';
import { RecordSalesReports } from './record-sales-reports.command';
import { SalesReportResult } from './sales-report-recorder';
import examples from './report-sales.examples.json';

/** The report id: derived from the idempotency seed when there is one, so a retry names the same report. */
export const reportIdFor = (idSeed: string | undefined) => (idSeed ? seededEventId(idSeed, 1_000_000) : timeOrderedId());

@ApiTags('platform: sales reports')
@Roles('platform')
@Controller('platform/sales-reports')
export class ReportSalesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Report a shop’s sales of one month (Decree 117/2025): assessed at once; a report for a month already reported corrects it (the earlier one stays, superseded)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first response' })
  @ApiCreatedResponse({
    description: 'The report as assessed (changed: false when it repeats the current report of the month)',
    schema: exampleSchema(examples.report),
  })
  async report(@Body() body: ReportSalesDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<SalesReportResult> {
    const context = commandContext(request, principal);
    const item = { platformId: platformOf(principal), input: body, reportId: reportIdFor(context.idSeed), context };
    const [outcome] = await this.commands.execute(new RecordSalesReports([item]));
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }
}
