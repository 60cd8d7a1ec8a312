import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsCalendarDate, IsIdentifier, IsShopId, PRINCIPAL_ID_PATTERN, PRINCIPAL_ID_RULE } from '@registry/platform';
import { ClassConstructor, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import { MAX_BULK_ITEMS } from '../bulk-register-shops/bulk-register-shops.controller';
import { BankAccountDto, EWalletDto, SubjectDto } from '../claim-input/claim-input.dto';

export const RECORD_ID = /^[A-Za-z0-9._:-]{1,100}$/;
export const RECORD_ID_RULE = 'must be 1 to 100 letters, digits or . _ : -';

export const ATTESTATION_KINDS = ['bank_account_holder', 'ewallet_holder', 'phone_subscriber', 'pickup_point'] as const;
export type AttestationKind = (typeof ATTESTATION_KINDS)[number];
export const KIND_RULE = `must be one of ${ATTESTATION_KINDS.join(', ')}`;

/** What every attestation names besides its facts; the partner is the caller, never a field. */
abstract class AttestationInputDto {
  @ApiProperty({
    example: 'kyc-2024-000123',
    pattern: RECORD_ID.source,
    description: 'The partner’s own reference for the record. Never a phone, account or ID number: it names a stream, and stream names are not encrypted',
  })
  @Matches(RECORD_ID, { message: RECORD_ID_RULE })
  recordId: string;

  @ApiPropertyOptional({ example: '2024-03-01', description: 'First day the fact holds; required for a phone subscriber' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Last day the fact holds; absent while it still holds' })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string;
}

export class BankAccountHolderInputDto extends AttestationInputDto {
  @ApiProperty({ enum: ['bank_account_holder'], description: 'Attested by a bank' })
  @Equals('bank_account_holder')
  kind: 'bank_account_holder';

  @ApiProperty({ type: BankAccountDto })
  @IsIdentifier('bankAccount')
  @ValidateNested()
  @Type(() => BankAccountDto)
  account: BankAccountDto;

  @ApiProperty({ type: SubjectDto, description: 'The holder as the bank identified them' })
  @ValidateNested()
  @Type(() => SubjectDto)
  holder: SubjectDto;
}

export class EWalletHolderInputDto extends AttestationInputDto {
  @ApiProperty({ enum: ['ewallet_holder'], description: 'Attested by an e-wallet provider' })
  @Equals('ewallet_holder')
  kind: 'ewallet_holder';

  @ApiProperty({ type: EWalletDto })
  @IsIdentifier('eWallet')
  @ValidateNested()
  @Type(() => EWalletDto)
  wallet: EWalletDto;

  @ApiProperty({ type: SubjectDto, description: 'The holder as the provider identified them' })
  @ValidateNested()
  @Type(() => SubjectDto)
  holder: SubjectDto;
}

export class PhoneSubscriberInputDto extends AttestationInputDto {
  @ApiProperty({ enum: ['phone_subscriber'], description: 'Attested by a telecom' })
  @Equals('phone_subscriber')
  kind: 'phone_subscriber';

  @ApiProperty({ example: '0912 345 678', description: 'Any Vietnamese written form; stored as E.164' })
  @IsIdentifier('phone')
  phone: string;

  @ApiProperty({ type: SubjectDto, description: 'The subscriber registered for the number in the period' })
  @ValidateNested()
  @Type(() => SubjectDto)
  subscriber: SubjectDto;
}

export class PickupPointInputDto extends AttestationInputDto {
  @ApiProperty({ enum: ['pickup_point'], description: 'Attested by a carrier or a warehouse' })
  @Equals('pickup_point')
  kind: 'pickup_point';

  @ApiProperty({ example: 'shopee', description: 'The platform of the shop the point serves' })
  @Matches(PRINCIPAL_ID_PATTERN, { message: PRINCIPAL_ID_RULE })
  platformId: string;

  @ApiProperty({ example: 'shop-889123', description: 'The platform’s own id of the shop the point serves' })
  @IsShopId()
  shopId: string;

  @ApiProperty({ type: SubjectDto, description: 'The point: its address (required), and a name or phone if it has one' })
  @ValidateNested()
  @Type(() => SubjectDto)
  address: SubjectDto;

  @ApiProperty({ type: SubjectDto, description: 'Who hands over the goods there: a name or a phone at least' })
  @ValidateNested()
  @Type(() => SubjectDto)
  contact: SubjectDto;
}

export type AttestationInput = BankAccountHolderInputDto | EWalletHolderInputDto | PhoneSubscriberInputDto | PickupPointInputDto;

const INPUTS: { readonly [K in AttestationKind]: ClassConstructor<Extract<AttestationInput, { kind: K }>> } = {
  bank_account_holder: BankAccountHolderInputDto,
  ewallet_holder: EWalletHolderInputDto,
  phone_subscriber: PhoneSubscriberInputDto,
  pickup_point: PickupPointInputDto,
};

export const ATTESTATION_INPUTS: readonly ClassConstructor<AttestationInput>[] = Object.values(INPUTS);

/**
 * The request class of the kind an attestation names, undefined for a kind this API does not know.
 * A class per kind, so fields of another kind are refused like any unknown field.
 */
export function attestationInputOf(raw: unknown): ClassConstructor<AttestationInput> | undefined {
  const kind = (raw as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' && Object.hasOwn(INPUTS, kind) ? INPUTS[kind as AttestationKind] : undefined;
}

/** OpenAPI: one of the kinds, told apart by `kind`. */
export const ATTESTATION_SCHEMA = {
  oneOf: ATTESTATION_INPUTS.map((input) => ({ $ref: getSchemaPath(input) })),
  discriminator: {
    propertyName: 'kind',
    mapping: Object.fromEntries(Object.entries(INPUTS).map(([kind, input]) => [kind, getSchemaPath(input)])),
  },
};

export const ATTESTATION_EXAMPLES = {
  bank_account_holder: {
    kind: 'bank_account_holder',
    recordId: 'kyc-2024-000123',
    account: { bankCode: 'VCB', accountNumber: '0011004455667' },
    holder: { fullName: 'Trần Thị Bích', nationalId: '001189012345' },
    validFrom: '2024-03-01',
  },
  ewallet_holder: {
    kind: 'ewallet_holder',
    recordId: 'wallet-77120',
    wallet: { provider: 'MOMO', accountId: '0912345678' },
    holder: { fullName: 'Trần Thị Bích', nationalId: '001189012345' },
  },
  phone_subscriber: {
    kind: 'phone_subscriber',
    recordId: 'sub-2019-88120',
    phone: '0912 345 678',
    subscriber: { fullName: 'Lê Văn Cường', nationalId: '001089012345', dateOfBirth: '1989-04-12' },
    validFrom: '2019-05-14',
  },
  pickup_point: {
    kind: 'pickup_point',
    recordId: 'pp-hn-0042',
    platformId: 'shopee',
    shopId: 'shop-889123',
    address: { fullName: 'Bưu cục Cầu Giấy', address: 'Số 5 ngõ 12, P.Dịch Vọng, Q.Cầu Giấy, Hà Nội' },
    contact: { fullName: 'Phạm Minh Đức', phone: '0987 654 321' },
    validFrom: '2026-07-01',
  },
} satisfies { readonly [K in AttestationKind]: object };

export class BulkAttestationsDto {
  @ApiProperty({
    type: 'array',
    items: ATTESTATION_SCHEMA,
    maxItems: MAX_BULK_ITEMS,
    description: 'Each item is an attestation as in POST /partner/attestations, validated and recorded on its own',
    example: [
      ATTESTATION_EXAMPLES.bank_account_holder,
      {
        kind: 'bank_account_holder',
        recordId: 'kyc-2025-004417',
        account: { bankCode: 'VCB', accountNumber: '0071000923456' },
        holder: { fullName: 'Nguyễn Văn An', nationalId: '001089012345' },
        validFrom: '2025-01-10',
        validTo: '2026-06-30',
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ITEMS)
  attestations: unknown[];
}
