import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsISO8601, IsOptional } from 'class-validator';

/** What a person can be asked for by: an ID number, or an account, wallet or phone whose holder a partner attests. */
export const PERSON_KINDS = ['nationalId', 'taxCode', 'phone', 'bankAccount', 'eWallet'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** In a body, not the URL: an identifier is personal data and URLs end up in logs. */
export class PersonSearchDto {
  @ApiProperty({ enum: PERSON_KINDS, example: 'nationalId' })
  @IsIn(PERSON_KINDS as unknown as string[], { message: `kind: must be one of ${PERSON_KINDS.join(', ')}` })
  kind: PersonKind;

  @ApiProperty({
    example: '001089012345',
    description: 'As a source would send it (a bank account as `VCB:0011004455667` or `{ bankCode, accountNumber }`); normalised like a claim',
  })
  @IsDefined()
  value: unknown;

  @ApiPropertyOptional({
    example: '2026-06-30T17:00:00Z',
    description: 'Answer as the registry knew it then; a phone or account names the person attested for it on that date',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf: must be an ISO 8601 timestamp' })
  asOf?: string;
}
