import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles, exampleSchema } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { TaxFeedPage } from './tax-feed';
import { ReadTaxFeed } from './tax-feed.query';
import examples from './tax-feed.examples.json';

export class TaxFeedQuery {
  @ApiPropertyOptional({ default: 0, description: 'The `next` of the previous page (an event store position); 0 from the start' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('tax')
@Roles('tax_office')
@Controller('tax/feed')
export class TaxFeedController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Tax obligations as CloudEvents 1.0 (the documents Kafka carries), in order, from a cursor: the delivery path without Kafka',
  })
  @ApiOkResponse({
    description: 'CloudEvents in log order and the next cursor; an empty page whose next equals after means caught up',
    schema: exampleSchema(examples.page),
  })
  page(@Query() query: TaxFeedQuery): Promise<TaxFeedPage> {
    return this.queries.execute(new ReadTaxFeed(query.after ?? 0, query.limit ?? 100));
  }
}
