import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBirthDate, IsCalendarDate, IsIdentifier } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CLAIM_ROLES, ClaimRole, VERIFICATION_METHODS, VerificationMethod } from '../domain/claim/claim';

export class BankAccountDto {
  @ApiProperty({ example: 'VCB', description: 'Bank short code or NAPAS BIN' })
  @IsString()
  @MaxLength(11)
  bankCode: string;

  @ApiProperty({ example: '0011004455667', description: '6 to 19 digits; spaces, dots and dashes between them are dropped' })
  @IsString()
  @MaxLength(60, { message: 'must be at most 60 characters: an account number has 6 to 19 digits' })
  accountNumber: string;
}

export class EWalletDto {
  @ApiProperty({ example: 'MOMO' })
  @IsString()
  @MaxLength(20)
  provider: string;

  @ApiProperty({ example: '0912345678' })
  @IsString()
  @MaxLength(64)
  accountId: string;
}

/** The person, account or place as the source gives it; normalised by the shared identifier value objects. */
export class SubjectDto {
  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @IsIdentifier('personName')
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ example: '001089012345', description: 'CCCD (12 digits) or CMND (9)' })
  @IsOptional()
  @IsIdentifier('nationalId')
  nationalId?: string;

  @ApiPropertyOptional({ example: '0100233488', description: 'MST: 10 digits, 13 for a branch, or a 12-digit personal ID' })
  @IsOptional()
  @IsIdentifier('taxCode')
  taxCode?: string;

  @ApiPropertyOptional({ example: '1989-04-12' })
  @IsOptional()
  @IsBirthDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Any Vietnamese written form; stored as E.164' })
  @IsOptional()
  @IsIdentifier('phone')
  phone?: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsIdentifier('email')
  email?: string;

  @ApiPropertyOptional({ example: '12 P.Bến Nghé, Q.1, TP.HCM' })
  @IsOptional()
  @IsIdentifier('address')
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ type: BankAccountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;

  @ApiPropertyOptional({ type: EWalletDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EWalletDto)
  eWallet?: EWalletDto;
}

export class VerificationDto {
  @ApiProperty({ enum: VERIFICATION_METHODS, example: 'vneid_level_2' })
  @IsIn(VERIFICATION_METHODS)
  method: VerificationMethod;

  @ApiPropertyOptional({ example: '2026-07-02T09:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  verifiedAt?: string;

  @ApiPropertyOptional({ example: 'vneid-session-7781' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class ClaimInputDto {
  @ApiPropertyOptional({ example: 'owner-1', description: 'The source’s own id for this claim; generated when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ : -' })
  claimId?: string;

  @ApiProperty({ enum: CLAIM_ROLES, example: 'declared_owner' })
  @IsIn(CLAIM_ROLES)
  role: ClaimRole;

  @ApiProperty({ type: SubjectDto })
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ type: VerificationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VerificationDto)
  verification?: VerificationDto;

  @ApiPropertyOptional({ example: '2026-07-01' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: null })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string;
}

export const REASON = { min: 1, max: 500 };
export class ReasonDto {
  @ApiProperty({ example: 'KYC document expired' })
  @IsString()
  @Length(REASON.min, REASON.max)
  reason: string;
}
