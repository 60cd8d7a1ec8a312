import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PRINCIPAL_ID_PATTERN, PRINCIPAL_ID_RULE } from '../domain/principal.decide';
import { PARTNER_KINDS, PartnerKind, ROLES, Role } from '../principal';

const id = { message: PRINCIPAL_ID_RULE };

/** Which scope fields a role needs (and may carry) is the domain's rule; here only their form. */
export class CreatePrincipalDto {
  @ApiProperty({ example: 'shopee-api', pattern: PRINCIPAL_ID_PATTERN.source, description: 'Stable id, recorded in the metadata of every event it causes' })
  @IsString()
  @Matches(PRINCIPAL_ID_PATTERN, id)
  principalId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: 'Shopee Vietnam integration' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'shopee', description: 'Required for role platform: the only platform whose shops it reads and writes' })
  @IsOptional()
  @IsString()
  @Matches(PRINCIPAL_ID_PATTERN, id)
  platformId?: string;

  @ApiPropertyOptional({ example: 'vcb', description: 'Required for role partner: the partner in whose name it attests' })
  @IsOptional()
  @IsString()
  @Matches(PRINCIPAL_ID_PATTERN, id)
  partnerId?: string;

  @ApiPropertyOptional({ enum: PARTNER_KINDS, description: 'Required for role partner' })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  partnerKind?: PartnerKind;

  @ApiPropertyOptional({ example: 'qltt-hn', description: 'Required for role enforcement: the agency the officer acts for' })
  @IsOptional()
  @IsString()
  @Matches(PRINCIPAL_ID_PATTERN, id)
  agency?: string;
}
