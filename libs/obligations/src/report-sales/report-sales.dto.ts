import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, Matches, ValidateBy, ValidateNested, ValidationArguments } from 'class-validator';
import { IsShopId } from '@registry/platform';
import { TAX_CATEGORIES, TaxCategory, parseDong } from '../domain';

const REPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whole đồng: a JSON integer up to 2^53 − 1, or a string of digits for larger amounts. Never a fraction, never negative. */
export function IsDong(): PropertyDecorator {
  return ValidateBy({
    name: 'isDong',
    validator: {
      validate: (value: unknown) => parseDong(value) !== null && typeof value !== 'bigint',
      defaultMessage: ({ value }: ValidationArguments) => {
        if ((typeof value === 'number' && value < 0) || (typeof value === 'string' && value.trim().startsWith('-'))) return 'must not be negative';
        if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) return 'must be a whole number of đồng, not a fraction';
        if (typeof value === 'number' && !Number.isSafeInteger(value)) return 'is too large for a JSON number: send it as a string of digits';
        return 'must be a whole number of đồng: a non-negative integer, or a string of digits';
      },
    },
  });
}

const money = (example: number | string, description: string) => ({
  example,
  description,
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^(0|[1-9][0-9]*)$' },
  ],
});

export class SalesLineDto {
  @ApiProperty({ enum: TAX_CATEGORIES, description: 'Decree 117/2025 category; `unknown` is assessed at the highest rates' })
  @IsIn(TAX_CATEGORIES)
  category: TaxCategory;

  @ApiProperty(money(120_000_000, 'Gross revenue of confirmed, paid transactions in the month, whole đồng'))
  @IsDong()
  grossRevenue: number | string;

  @ApiProperty(money(2_000_000, 'Cancellations and returns netted off in the month'))
  @IsDong()
  cancellationsAndReturns: number | string;

  @ApiProperty(money(1_180_000, 'VAT the platform withheld'))
  @IsDong()
  vatWithheld: number | string;

  @ApiProperty(money(590_000, 'PIT the platform withheld'))
  @IsDong()
  pitWithheld: number | string;
}

export class ReportSalesDto {
  @ApiProperty({ example: 'shop-889123', description: 'The platform’s own id of one of its registered shops' })
  @IsShopId()
  shopId: string;

  @ApiProperty({ example: '2025-08', description: 'The month reported (YYYY-MM); it must have ended (Vietnam time)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' })
  month: string;

  @ApiProperty({ description: 'Whether the seller is resident in Vietnam (the PIT rate depends on it)' })
  @IsBoolean()
  sellerResident: boolean;

  @ApiProperty({ type: [SalesLineDto], description: 'One line per category, each category at most once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TAX_CATEGORIES.length)
  @ValidateNested({ each: true })
  @Type(() => SalesLineDto)
  lines: SalesLineDto[];

  @ApiPropertyOptional({ description: 'The report this one corrects (DAC7-style); when given it must be the current report of the month' })
  @IsOptional()
  @Matches(REPORT_ID, { message: 'must be a report id this API gave out' })
  corrects?: string;
}
