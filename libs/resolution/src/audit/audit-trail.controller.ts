import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ReadRoute, Roles, exampleSchema } from '@registry/platform';
import { IDENTIFIER_KINDS, IdentifierKind, parseShopId } from '@registry/shared-kernel';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { SearchAuditTrail } from './audit-trail.query';
import examples from './audit-trail.examples.json';

/** A shop's key as the reads return it: `platformId:shopId`, each part checked like the path's (ShopIdPipe). */
const isShopKey = (value: unknown) => typeof value === 'string' && value.split(':').length === 2 && value.split(':').every((part) => parseShopId(part).ok);

class PersonSubjectDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS, example: 'nationalId' })
  @IsIn(IDENTIFIER_KINDS as unknown as string[])
  kind: IdentifierKind;

  @ApiProperty({ example: '001085012345' })
  @IsDefined()
  value: unknown;
}

/** Filters in a body: a person is named by an identifier, which must not travel in a URL. */
export class AuditSearchDto {
  @ApiPropertyOptional({ example: 'officer:qltt-hn-017' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  officer?: string;

  @ApiPropertyOptional({ example: 'QLTT-HN-2026-0117' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseReference?: string;

  @ApiPropertyOptional({ example: 'shopee:shop-889123', description: 'A shop the reads returned, as platformId:shopId' })
  @IsOptional()
  @ValidateBy({ name: 'isShopKey', validator: { validate: isShopKey, defaultMessage: () => 'shop: must be platformId:shopId' } })
  shop?: string;

  @ApiPropertyOptional({ type: PersonSubjectDto, description: 'A person or identifier the reads returned' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonSubjectDto)
  subject?: PersonSubjectDto;

  @ApiPropertyOptional({ description: 'The position of the last record of the previous page' })
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('admin: audit')
@Roles('admin')
@Controller('admin/enforcement-audit/search')
export class AuditTrailController {
  constructor(private readonly queries: QueryBus) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'The enforcement reads, oldest first, filtered by officer, case, shop or person; persons appear by blind-index key' })
  @ApiOkResponse({ description: 'Audit records in position order and the next cursor (null at the end)', schema: exampleSchema(examples.search) })
  search(@Body() body: AuditSearchDto) {
    return this.queries.execute(new SearchAuditTrail(body));
  }
}
