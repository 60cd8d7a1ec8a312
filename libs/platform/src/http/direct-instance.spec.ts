import 'reflect-metadata';
import { Exclude, Transform, Type, plainToInstance } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { directInstance } from './direct-instance';

class AccountDto {
  @IsString()
  bankCode: string;
}

class SubjectDto {
  @IsOptional()
  @IsString()
  name?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AccountDto)
  account?: AccountDto;
}

class ClaimDto {
  @IsString()
  role: string;

  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  get label(): string {
    return this.role;
  }

  describe(): string {
    return this.role;
  }
}

class BodyDto {
  @IsString()
  shopId: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ClaimDto)
  claims?: ClaimDto[];

  @IsOptional()
  tags?: string[];
}

class WithTransform {
  @Transform(({ value }) => String(value).trim())
  name: string;
}

class WithExclude {
  @Exclude()
  secret: string;
}

class WithConversion {
  @Type(() => Number)
  limit: number;
}

/** The value built, or the error thrown (class-transformer throws on some keys named `constructor`). */
const outcome = (build: () => unknown) => {
  try {
    return { built: build() };
  } catch (error) {
    return { thrown: String(error) };
  }
};
const asClassTransformerDoes = (dto: new () => object, raw: object) => plainToInstance(dto, raw, { enableImplicitConversion: false });

/** Keys a client may send: the declared ones, unknown ones, and those class-transformer leaves out. */
const key = fc.constantFrom(
  'shopId',
  'claims',
  'tags',
  'role',
  'subject',
  'name',
  'account',
  'bankCode',
  'label',
  'describe',
  'toString',
  'constructor',
  '__proto__',
  'extra',
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }).map((entries) => JSON.parse(JSON.stringify(entries)) as Record<string, unknown>),
})).object;

describe('directInstance', () => {
  it('builds, or leaves to class-transformer, what plainToInstance builds for any JSON object', () => {
    fc.assert(
      fc.property(json, (raw) => {
        for (const dto of [BodyDto, ClaimDto] as (new () => object)[]) {
          expect(outcome(() => directInstance(dto, raw) ?? asClassTransformerDoes(dto, raw))).toStrictEqual(outcome(() => asClassTransformerDoes(dto, raw)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('builds a registration-like body as class-transformer does, nested classes included', () => {
    const raw = JSON.parse(
      '{"shopId":"s-1","claims":[{"role":"owner","subject":{"name":"An","account":{"bankCode":"VCB"}}},"not an object",null],"tags":["a",{"b":[1]}],"__proto__":{"polluted":true},"toString":"x"}',
    ) as object;
    const built = directInstance(BodyDto, raw)!;

    expect(built).toStrictEqual(asClassTransformerDoes(BodyDto, raw));
    expect(built.claims![0]).toBeInstanceOf(ClaimDto);
    expect(built.claims![0].subject.account).toBeInstanceOf(AccountDto);
    expect(Object.getPrototypeOf(built)).toBe(BodyDto.prototype);
  });

  it('leaves to class-transformer the classes it would not build the plain way', () => {
    expect(directInstance(WithTransform, { name: ' a ' })).toBeUndefined();
    expect(directInstance(WithExclude, { secret: 's' })).toBeUndefined();
    expect(directInstance(WithConversion, { limit: '5' })).toBeUndefined();
    expect(directInstance(BodyDto, { shopId: 's', when: new Date(0) })).toBeUndefined();
  });
});
