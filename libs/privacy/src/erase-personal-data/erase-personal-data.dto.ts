import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsShopId, PRINCIPAL_ID_PATTERN, PRINCIPAL_ID_RULE } from '@registry/platform';
import { LEGAL_GROUNDS, LegalGround } from '../erasure/erasure.events';
import { ERASABLE_KINDS } from '../personal-data-index/identifiers-in';

export class IdentifierDto {
  @ApiProperty({
    enum: ERASABLE_KINDS,
    example: 'nationalId',
    description: 'An identifier of one person; a name or an address is shared by strangers and erases nothing',
  })
  @IsIn(ERASABLE_KINDS, { message: `kind: must be one of ${ERASABLE_KINDS.join(', ')} (a name or an address does not identify one person)` })
  kind: (typeof ERASABLE_KINDS)[number];

  @ApiProperty({ example: '001089012345', description: 'Any written form; normalised like the registry normalises it' })
  @IsDefined()
  value: unknown;
}

export class ShopRefDto {
  @ApiProperty({ example: 'shopee' })
  @Matches(PRINCIPAL_ID_PATTERN, { message: PRINCIPAL_ID_RULE })
  platformId: string;

  @ApiProperty({ example: 'shop-889123' })
  @IsShopId()
  shopId: string;
}

export class ErasePersonalDataDto {
  @ApiPropertyOptional({ type: IdentifierDto, description: 'Erase every record that holds this identifier (a person’s request)' })
  @ValidateIf((o: ErasePersonalDataDto) => o.shop === undefined)
  @ValidateNested()
  @Type(() => IdentifierDto)
  identifier?: IdentifierDto;

  @ApiPropertyOptional({ type: ShopRefDto, description: 'Erase every personal-data record of one shop' })
  @ValidateIf((o: ErasePersonalDataDto) => o.identifier === undefined)
  @ValidateNested()
  @Type(() => ShopRefDto)
  shop?: ShopRefDto;

  @ApiProperty({ enum: LEGAL_GROUNDS, example: 'data_subject_request' })
  @IsIn(LEGAL_GROUNDS)
  legalGround: LegalGround;

  @ApiProperty({ example: 'PDP-2026-00017', description: 'The request or decision this erasure answers' })
  @IsString()
  @Length(1, 200)
  reference: string;
}
