import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ConcurrencyError } from '@registry/event-store';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, requestMetadata, validateItem } from '@registry/platform';
import { DomainError, FieldProblem } from '@registry/shared-kernel';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { platformOf } from '@registry/registration/platform-of';
import { reportIdFor } from './report-sales.controller';
import { ReportSalesDto } from './report-sales.dto';
import { ReportSalesCommand, SalesReportResult } from './report-sales.handler';

export const MAX_BULK_REPORTS = 5000;
/** Items under way at once: enough to fill the write queue, few enough to keep memory flat. */
const CONCURRENCY = 64;

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
  @HttpCode(200)
  @ApiOperation({ summary: 'A month’s reports for many shops: up to 5,000 per request, each validated, assessed and recorded on its own' })
  @ApiOkResponse({ description: 'A result per item, in request order, and the counts' })
  async report(@Body() body: BulkReportSalesDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    const platformId = platformOf(principal);
    const metadata = requestMetadata(request, principal);
    const firstIndex = new Map<string, number>();
    const results: BulkReportResult[] = new Array(body.reports.length);
    let next = 0;
    const worker = async () => {
      while (next < body.reports.length) {
        const index = next++;
        const idSeed = request.idSeed && `${request.idSeed}:${index}`;
        results[index] = await this.reportOne(platformId, body.reports[index], index, firstIndex, { metadata, idSeed });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, body.reports.length) }, worker));
    const counts: Record<BulkReportStatus, number> = { reported: 0, corrected: 0, unchanged: 0, invalid: 0, not_found: 0, conflict: 0 };
    for (const result of results) counts[result.status]++;
    return { counts, results };
  }

  private async reportOne(
    platformId: string,
    raw: unknown,
    index: number,
    firstIndex: Map<string, number>,
    context: { metadata: ReturnType<typeof requestMetadata>; idSeed: string | undefined },
  ): Promise<BulkReportResult> {
    const path = `reports[${index}]`;
    const checked = await validateItem(ReportSalesDto, raw, path);
    const shopId = typeof (raw as { shopId?: unknown })?.shopId === 'string' ? (raw as { shopId: string }).shopId : null;
    const month = typeof (raw as { month?: unknown })?.month === 'string' ? (raw as { month: string }).month : null;
    if (!checked.ok) return { index, shopId, month, status: 'invalid', problems: checked.problems };
    // One report per shop and month in a request: two would race, and which one wins would be chance.
    const key = `${checked.value.shopId}\u0000${checked.value.month}`;
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) {
      return { index, shopId, month, status: 'invalid', problems: [{ field: `${path}.month`, reason: `the same shop and month is reported in reports[${earlier}] already` }] };
    }
    firstIndex.set(key, index);
    try {
      const report = await this.commands.execute<ReportSalesCommand, SalesReportResult>(
        new ReportSalesCommand(platformId, checked.value, reportIdFor(context.idSeed), context),
      );
      return { index, shopId, month, status: !report.changed ? 'unchanged' : report.supersedes ? 'corrected' : 'reported', report };
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'forbidden') {
        const status = error.kind === 'invalid' ? 'invalid' : error.kind;
        return { index, shopId, month, status, message: error.message, problems: error.problems.map((p) => ({ ...p, field: `${path}.${p.field}` })) };
      }
      if (error instanceof ConcurrencyError) return { index, shopId, month, status: 'conflict', message: error.message };
      throw error;
    }
  }
}
