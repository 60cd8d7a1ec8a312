import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IDENTIFIER_KINDS, IdentifierKind } from '@registry/shared-kernel';
import { IsDefined, IsIn, IsISO8601, IsOptional } from 'class-validator';

/** In a body, not the URL: an identifier is personal data and URLs end up in logs. */
export class ShopsByIdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS, example: 'phone' })
  @IsIn(IDENTIFIER_KINDS as unknown as string[])
  kind: IdentifierKind;

  @ApiProperty({ example: '0912345678', description: 'As a source would send it; normalised like a claim (addresses and names are leads only)' })
  @IsDefined()
  value: unknown;

  @ApiPropertyOptional({ example: '2026-06-30T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf: must be an ISO 8601 timestamp' })
  asOf?: string;
}
