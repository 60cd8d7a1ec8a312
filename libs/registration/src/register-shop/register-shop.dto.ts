import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsPlainText, IsShopId } from '@registry/platform';
import { ClaimInputDto } from '../claim-input/claim-input.dto';

export class RegisterShopDto {
  @ApiProperty({ example: 'shop-889123', description: 'The platform’s own id for the shop' })
  @IsShopId()
  shopId: string;

  @ApiProperty({ example: 'Mỹ phẩm chính hãng Hà Nội' })
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  displayName: string;

  @ApiPropertyOptional({ example: 'https://shopee.vn/mp-chinh-hang-hn' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ example: 'cosmetics' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @ApiPropertyOptional({ type: [ClaimInputDto], description: 'Identity claims verified at onboarding (KYC), payout accounts, pickup points' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClaimInputDto)
  claims?: ClaimInputDto[];
}
