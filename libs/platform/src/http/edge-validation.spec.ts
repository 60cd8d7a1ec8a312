import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
  validate,
} from 'class-validator';
import fc from 'fast-check';
import { Json, withOneChange } from '../../../../test/support/json-changes';
import { passesEdgeValidation } from './edge-validation';
import { EDGE_VALIDATION } from './validation-pipe';
import { rememberValidationRules } from './validation-rules-cache';

class AccountDto {
  @IsString()
  @Matches(/^[a-z]{2,5}$/)
  bankCode: string;

  @IsString()
  @Length(4, 12)
  number: string;
}

class SubjectDto {
  @IsOptional()
  @IsString()
  name?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AccountDto)
  account?: AccountDto;

  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(3)
  tags?: string[];
}

class ClaimDto {
  @IsIn(['owner', 'payout'])
  role: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ValidateIf((claim: ClaimDto) => claim.role === 'payout')
  @IsString()
  bank?: string;
}

class BodyDto {
  @IsString()
  @Length(1, 10)
  shopId: string;

  @Equals(1)
  version: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ClaimDto)
  claims?: ClaimDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimDto)
  grid?: ClaimDto[][];
}

@ValidatorConstraint({ name: 'later', async: true })
class Later implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return Promise.resolve(typeof value === 'string');
  }
}

@ValidatorConstraint({ name: 'sameAsShop' })
class SameAsShop implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    return value === (args.object as { shopId?: unknown }).shopId && args.constraints[0] === 'x';
  }
}

class AsyncDto {
  @Validate(Later)
  name: string;
}

class CrossFieldDto {
  @IsString()
  shopId: string;

  @Validate(SameAsShop, ['x'])
  again: string;
}

class NoRules {
  name: string;
}

const valid: Json = {
  shopId: 'shop-1',
  version: 1,
  claims: [
    { role: 'owner', subject: { name: 'An', tags: ['a', 'b'] } },
    { role: 'payout', subject: { account: { bankCode: 'vcb', number: '00112233' } }, bank: 'vcb' },
  ],
  grid: [[{ role: 'owner', subject: {} }], []],
};

const classValidatorPasses = async (instance: object) => (await validate(instance, EDGE_VALIDATION)).length === 0;

describe('passesEdgeValidation', () => {
  beforeAll(() => rememberValidationRules());

  it('passes a valid body through its nested objects, arrays and arrays of arrays', async () => {
    const instance = plainToInstance(BodyDto, valid as object);
    expect(passesEdgeValidation(instance)).toBe(true);
    await expect(classValidatorPasses(instance)).resolves.toBe(true);
  });

  it('agrees with class-validator on bodies with one change anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(withOneChange(valid, fc.jsonValue() as fc.Arbitrary<Json>, ['name', 'role', 'extra', 'shopId', '0']), async (body) => {
        const instance = plainToInstance(BodyDto, body as object, { enableImplicitConversion: false });
        expect(passesEdgeValidation(instance)).toBe(await classValidatorPasses(instance));
      }),
      { numRuns: 2000 },
    );
  });

  it('says no to what it does not follow, and to objects of classes with no rules', () => {
    expect(passesEdgeValidation(plainToInstance(AsyncDto, { name: 'a' }))).toBe(false);
    expect(passesEdgeValidation(plainToInstance(NoRules, { name: 'a' }))).toBe(false);
    expect(passesEdgeValidation({ shopId: 'a' })).toBe(false);
    expect(passesEdgeValidation(Object.assign(Object.create(null) as object, { shopId: 'a' }))).toBe(false);
  });

  it('hands validators the arguments class-validator hands them', async () => {
    expect(passesEdgeValidation(plainToInstance(CrossFieldDto, { shopId: 's', again: 's' }))).toBe(true);
    expect(passesEdgeValidation(plainToInstance(CrossFieldDto, { shopId: 's', again: 't' }))).toBe(false);
    await expect(classValidatorPasses(plainToInstance(CrossFieldDto, { shopId: 's', again: 's' }))).resolves.toBe(true);
  });

  it('refuses a key no rule names, and a missing nested object unless optional', () => {
    expect(passesEdgeValidation(plainToInstance(BodyDto, { ...(valid as object), extra: 1 }))).toBe(false);
    expect(passesEdgeValidation(plainToInstance(BodyDto, { ...(valid as object), claims: [{ role: 'owner' }] }))).toBe(false);
    expect(passesEdgeValidation(plainToInstance(BodyDto, { ...(valid as object), claims: undefined }))).toBe(true);
    expect(passesEdgeValidation(plainToInstance(BodyDto, { ...(valid as object), claims: [null] }))).toBe(false);
  });
});
