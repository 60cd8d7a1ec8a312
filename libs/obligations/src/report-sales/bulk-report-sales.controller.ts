import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@registry/event-store';
import { CountsItems, CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata, validateItem } from '@registry/platform';
import { platformOf } from '@registry/registration';
import { FieldProblem } from '@registry/shared-kernel';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { reportIdFor } from './report-sales.controller';
import { ReportSalesDto } from './report-sales.dto';
import { RecordSalesReports } from './record-sales-reports.command';
import { SalesReportItem, SalesReportResult } from './sales-report-recorder';
import examples from './bulk-report-sales.examples.json';

export const MAX_BULK_REPORTS = 5000;
/** Reports per transaction: large enough that a bulk costs few commits, small enough to keep a retry cheap. */
const SLICE = 200;

export class BulkReportSalesDto {
  @ApiProperty({ type: [ReportSalesDto], maxItems: MAX_BULK_REPORTS, description: 'Each item is a report as in POST /platform/sales-reports' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_REPORTS)
  reports: unknown[];
}

export type BulkReportStatus = 'reported' | 'corrected' | 'unchanged' | 'invalid' | 'not_found' | 'conflict';

export interface BulkReportResult {
  readonly index: number;
  readonly shopId: string | null;
  readonly month: string | null;
  readonly status: BulkReportStatus;
  readonly report?: SalesReportResult;
  readonly problems?: readonly FieldProblem[];
  readonly message?: string;
}

@ApiTags('platform: sales reports')
@Roles('platform')
@Controller('platform/sales-reports/bulk')
export class BulkReportSalesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CountsItems('reports')
  @HttpCode(200)
  @ApiOperation({ summary: 'A month’s reports for many shops: up to 5,000 per request, each validated and assessed on its own, recorded 200 to a transaction' })
  @ApiOkResponse({ description: 'A result per item, in request order, and the counts', schema: exampleSchema(examples.report) })
  async report(@Body() body: BulkReportSalesDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    const platformId = platformOf(principal);
    const metadata = requestMetadata(request, principal);
    const results: BulkReportResult[] = new Array(body.reports.length);
    const accepted: { index: number; item: SalesReportItem }[] = [];
    const firstIndex = new Map<string, number>();
    for (const [index, raw] of body.reports.entries()) {
      const path = `reports[${index}]`;
      const checked = await validateItem(ReportSalesDto, raw, path);
      const shopId = typeof (raw as { shopId?: unknown })?.shopId === 'string' ? (raw as { shopId: string }).shopId : null;
      const month = typeof (raw as { month?: unknown })?.month === 'string' ? (raw as { month: string }).month : null;
      if (!checked.ok) {
        results[index] = { index, shopId, month, status: 'invalid', problems: checked.problems };
        continue;
      }
      // One report per shop and month in a request: two would contradict each other.
      const key = `${checked.value.shopId}\u0000${checked.value.month}`;
      const earlier = firstIndex.get(key);
      if (earlier !== undefined) {
        results[index] = {
          index,
          shopId,
          month,
          status: 'invalid',
          problems: [{ field: `${path}.month`, reason: `the same shop and month is reported in reports[${earlier}] already` }],
        };
        continue;
      }
      firstIndex.set(key, index);
      const context: CommandContext = { metadata, idSeed: request.idSeed && `${request.idSeed}:${index}` };
      accepted.push({ index, item: { platformId, input: checked.value, reportId: reportIdFor(context.idSeed), context } });
    }
    for (let start = 0; start < accepted.length; start += SLICE) {
      const slice = accepted.slice(start, start + SLICE);
      const outcomes = await this.commands.execute(new RecordSalesReports(slice.map((a) => a.item)));
      slice.forEach(({ index, item }, i) => {
        const outcome = outcomes[i];
        const [shopId, month] = [item.input.shopId, item.input.month];
        if (outcome.ok) {
          const report = outcome.result;
          results[index] = { index, shopId, month, status: !report.changed ? 'unchanged' : report.supersedes ? 'corrected' : 'reported', report };
        } else {
          const { kind, message, problems } = outcome.error;
          const status = kind === 'not_found' ? 'not_found' : kind === 'conflict' ? 'conflict' : 'invalid';
          results[index] = { index, shopId, month, status, message, problems: problems.map((p) => ({ ...p, field: `reports[${index}].${p.field}` })) };
        }
      });
    }
    const counts: Record<BulkReportStatus, number> = { reported: 0, corrected: 0, unchanged: 0, invalid: 0, not_found: 0, conflict: 0 };
    for (const result of results) counts[result.status]++;
    return { counts, results };
  }
}
