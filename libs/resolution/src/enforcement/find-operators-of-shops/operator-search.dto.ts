import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, ValidateNested } from 'class-validator';
import { IsShopId } from '@registry/platform';

/** Shops one batch read may ask about: a sweep of a market in a few requests, an answer that still fits in memory. */
export const MAX_SHOPS_PER_SEARCH = 1000;

export class ShopRefDto {
  @ApiProperty({ example: 'shopee' })
  // Checked like the path's :platformId (ShopIdPipe): every platform id passes, and no colon.
  @IsShopId()
  platformId: string;

  @ApiProperty({ example: 'shop-889123' })
  @IsShopId()
  shopId: string;
}

export class OperatorSearchDto {
  @ApiProperty({ type: [ShopRefDto], minItems: 1, maxItems: MAX_SHOPS_PER_SEARCH })
  @IsArray({ message: 'shops: must be an array of { platformId, shopId }' })
  @ArrayMinSize(1, { message: 'shops: must name at least 1 shop' })
  @ArrayMaxSize(MAX_SHOPS_PER_SEARCH, { message: `shops: must name at most ${MAX_SHOPS_PER_SEARCH} shops` })
  @ValidateNested({ each: true })
  @Type(() => ShopRefDto)
  shops: ShopRefDto[];

  @ApiPropertyOptional({ example: '2026-06-30T17:00:00Z', description: 'Answer as the registry knew it then (ISO 8601 timestamp); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf: must be an ISO 8601 timestamp' })
  asOf?: string;
}

export const OPERATOR_VIEWS = ['full', 'summary'] as const;
export type OperatorView = (typeof OPERATOR_VIEWS)[number];

export class OperatorSearchQuery {
  @ApiPropertyOptional({
    enum: OPERATOR_VIEWS,
    default: 'full',
    description:
      '`full`: each operator as GET …/operator answers it; `summary`: operator id, shops, top controller, nominee flags and confidence, without the evidence',
  })
  @IsOptional()
  @IsIn(OPERATOR_VIEWS as unknown as string[], { message: `view: must be one of ${OPERATOR_VIEWS.join(', ')}` })
  view?: OperatorView;
}
