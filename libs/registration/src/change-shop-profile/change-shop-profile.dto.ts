import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { IsPlainText } from '@registry/platform';

export class ChangeShopProfileDto {
  @ApiPropertyOptional({ example: 'Mỹ phẩm Hà Nội (chính hãng)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  displayName?: string;

  @ApiPropertyOptional({ example: 'https://shopee.vn/mp-hn' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ example: 'fashion' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;
}
