import { ApiProperty } from '@nestjs/swagger';
import { IsShopId, PRINCIPAL_ID_PATTERN, PRINCIPAL_ID_RULE } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsString, Length, Matches, ValidateNested } from 'class-validator';
import { REASON } from '../claim-input/claim-input.dto';

const EVIDENCE = { min: 1, max: 2000 };

export class ShopRefDto {
  @ApiProperty({ example: 'lazada' })
  @Matches(PRINCIPAL_ID_PATTERN, { message: PRINCIPAL_ID_RULE })
  platformId: string;

  @ApiProperty({ example: 'lz-55120' })
  @IsShopId()
  shopId: string;
}

class PlatformPairDto {
  @ApiProperty({ example: 'shop-889123', description: 'One of the calling platform’s own shops' })
  @IsShopId()
  shopId: string;

  @ApiProperty({ type: ShopRefDto, description: 'The other shop, on this or another platform' })
  @ValidateNested()
  @Type(() => ShopRefDto)
  other: ShopRefDto;
}

export class PlatformLinkDto extends PlatformPairDto {
  @ApiProperty({ example: 'Same payout account and the same pickup point; the seller confirmed both shops in a support ticket', maxLength: EVIDENCE.max })
  @IsString()
  @Length(EVIDENCE.min, EVIDENCE.max)
  evidence: string;
}

export class PlatformUnlinkDto extends PlatformPairDto {
  @ApiProperty({ example: 'Review found two different sellers sharing a warehouse' })
  @IsString()
  @Length(REASON.min, REASON.max)
  reason: string;
}

class EnforcementPairDto {
  @ApiProperty({ type: ShopRefDto, example: { platformId: 'shopee', shopId: 'shop-889123' } })
  @ValidateNested()
  @Type(() => ShopRefDto)
  a: ShopRefDto;

  @ApiProperty({ type: ShopRefDto, example: { platformId: 'lazada', shopId: 'lz-55120' } })
  @ValidateNested()
  @Type(() => ShopRefDto)
  b: ShopRefDto;
}

export class EnforcementLinkDto extends EnforcementPairDto {
  @ApiProperty({ example: 'Goods seized at one warehouse were listed by both shops; bank records show one payee', maxLength: EVIDENCE.max })
  @IsString()
  @Length(EVIDENCE.min, EVIDENCE.max)
  evidence: string;

  @ApiProperty({ example: 'QLTT-HN-2026-0117', description: 'The case the finding belongs to' })
  @IsString()
  @Length(1, 100)
  caseReference: string;
}

export class EnforcementUnlinkDto extends EnforcementPairDto {
  @ApiProperty({ example: 'Case closed: the shops belong to different sellers' })
  @IsString()
  @Length(REASON.min, REASON.max)
  reason: string;
}
