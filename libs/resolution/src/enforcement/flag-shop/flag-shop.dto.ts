import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { FLAG_CATEGORIES, FlagCategory } from '../../domain/flag/shop-flagged';

export class FlagShopDto {
  @ApiProperty({ enum: FLAG_CATEGORIES, example: 'counterfeit' })
  @IsIn(FLAG_CATEGORIES as unknown as string[])
  category: FlagCategory;

  @ApiProperty({ example: 'QLTT-HN-2026-0117' })
  @IsString()
  @Length(1, 100)
  caseReference: string;

  @ApiProperty({ example: 'Test purchase: counterfeit perfume, seized batch 17' })
  @IsString()
  @Length(3, 2000)
  note: string;
}
