import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CommandContext, ConcurrencyError, nextTurn } from '@registry/event-store';
import { CountsItems, CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata, validateItem } from '@registry/platform';
import { DomainError, FieldProblem } from '@registry/shared-kernel';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { platformOf } from '../platform-of';
import { RegisterShopDto } from '../register-shop/register-shop.dto';
import { toRegisterCommand } from '../register-shop/to-register-command';
import { ExecuteShopCommand, ShopWriteResult } from '../shop-commands/execute-shop-command';
import examples from './bulk-register-shops.examples.json';

export const MAX_BULK_ITEMS = 5000;
/**
 * Registrations under way at once. A slice runs without a pause (on SQLite every statement is
 * synchronous), so it is what other requests wait for: 100 shops are about a third of a second.
 * Slices of 500 (one append transaction and one projection batch each) wrote 40% fewer bytes a
 * shop, since a page that several shops of one commit dirty goes to the WAL once, but saved no
 * CPU beyond noise and made a request sent meanwhile wait four times longer (docs/benchmarks.md).
 */
const SLICE = 100;

export class BulkRegisterShopsDto {
  @ApiProperty({ type: [RegisterShopDto], maxItems: MAX_BULK_ITEMS, description: 'Each item is a registration as in POST /platform/shops' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ITEMS)
  shops: unknown[];
}

export type BulkItemStatus = 'registered' | 'unchanged' | 'invalid' | 'conflict';

export interface BulkItemResult {
  readonly index: number;
  readonly shopId: string | null;
  readonly status: BulkItemStatus;
  readonly version?: number;
  readonly problems?: readonly FieldProblem[];
  readonly message?: string;
}

@ApiTags('platform: shops')
@Roles('platform')
@Controller('platform/shops/bulk')
export class BulkRegisterShopsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CountsItems('shops')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Onboard an existing seller base: up to 5,000 registrations per request, each validated and recorded on its own',
  })
  @ApiOkResponse({ description: 'A result per item, in request order, and the counts', schema: exampleSchema(examples.register) })
  async register(@Body() body: BulkRegisterShopsDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    const platformId = platformOf(principal);
    const metadata = requestMetadata(request, principal);
    const results: BulkItemResult[] = [];
    // Slices keep memory flat; each one still fills a grouped append transaction. Between slices the
    // event loop gets a turn: other requests are answered, and a kept-alive connection is not
    // closed under a client as its idle timer fires seconds late.
    for (let start = 0; start < body.shops.length; start += SLICE) {
      if (start > 0) await nextTurn();
      const slice = body.shops.slice(start, start + SLICE).map((raw, i) => {
        const index = start + i;
        return this.registerOne(platformId, principal, raw, index, { metadata, idSeed: request.idSeed && `${request.idSeed}:${index}` });
      });
      results.push(...(await Promise.all(slice)));
    }
    const counts = { registered: 0, unchanged: 0, invalid: 0, conflict: 0 };
    for (const result of results) counts[result.status]++;
    return { counts, results };
  }

  private async registerOne(platformId: string, principal: Principal, raw: unknown, index: number, context: CommandContext): Promise<BulkItemResult> {
    const checked = await validateItem(RegisterShopDto, raw, `shops[${index}]`);
    const shopId = typeof (raw as { shopId?: unknown })?.shopId === 'string' ? (raw as { shopId: string }).shopId : null;
    if (!checked.ok) return { index, shopId, status: 'invalid', problems: checked.problems };
    try {
      const command = toRegisterCommand(platformId, checked.value, principal.id, context);
      const result = await this.commands.execute<ExecuteShopCommand, ShopWriteResult>(
        new ExecuteShopCommand(platformId, checked.value.shopId, command, context),
      );
      return { index, shopId, status: result.changed ? 'registered' : 'unchanged', version: result.version };
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid') {
        return { index, shopId, status: 'invalid', problems: error.problems.map((p) => ({ ...p, field: `shops[${index}].${p.field}` })) };
      }
      if ((error instanceof DomainError && error.kind === 'conflict') || error instanceof ConcurrencyError) {
        return { index, shopId, status: 'conflict', message: error.message };
      }
      throw error;
    }
  }
}
