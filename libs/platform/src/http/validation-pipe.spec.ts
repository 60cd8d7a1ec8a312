import { BadRequestException } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { registryValidationPipe } from './validation-pipe';

class ItemDto {
  @IsString()
  name: string;
}

/** A bulk body: the route validates each item itself (validateItem). */
class BulkDto {
  @IsString()
  source: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  items: unknown[];
}

class NestedDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];
}

const pipe = registryValidationPipe();
const asBody = (metatype: new () => object) => ({ type: 'body' as const, metatype, data: undefined });
const problemsOf = async (body: unknown, metatype: new () => object) => {
  try {
    await pipe.transform(body, asBody(metatype));
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { problems: { field: string }[] }).problems.map((p) => p.field);
  }
  return [];
};

describe('the validation pipe on a bulk body', () => {
  it('hands the route the items as sent, not a copy: each item is validated once, by the route', async () => {
    const items = [{ name: 'a', extra: { deep: [1, 2] } }, 'not an object'];
    const body = await pipe.transform({ source: 'import', items }, asBody(BulkDto));

    expect(body).toBeInstanceOf(BulkDto);
    expect((body as BulkDto).items).toBe(items);
  });

  it('still applies the rules of the array itself and of the other fields', async () => {
    await expect(problemsOf({ source: 'import', items: [1, 2, 3] }, BulkDto)).resolves.toEqual(['items']);
    await expect(problemsOf({ source: 'import', items: [] }, BulkDto)).resolves.toEqual(['items']);
    await expect(problemsOf({ source: 7, items: 'x' }, BulkDto)).resolves.toEqual(['source', 'items']);
    await expect(problemsOf({ source: 'import', items: [1], unknown: true }, BulkDto)).resolves.toEqual(['unknown']);
  });

  it('validates and converts nested items where the body declares them', async () => {
    const body = (await pipe.transform({ items: [{ name: 'a' }] }, asBody(NestedDto))) as NestedDto;

    expect(body.items[0]).toBeInstanceOf(ItemDto);
    await expect(problemsOf({ items: [{ name: 1 }] }, NestedDto)).resolves.toEqual(['items[0].name']);
  });
});

describe('the validation pipe on keys that name prototypes', () => {
  it('drops __proto__, prototype and constructor keys at every level, as ValidationPipe does, instead of refusing them', async () => {
    const body = JSON.parse('{"items":[{"name":"a","prototype":1,"constructor":2,"__proto__":{"polluted":true}}],"prototype":{"x":1}}') as object;

    const built = (await pipe.transform(body, asBody(NestedDto))) as NestedDto;

    expect(built).toBeInstanceOf(NestedDto);
    expect(Object.keys(built)).toEqual(['items']);
    expect(Object.keys(built.items[0])).toEqual(['name']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('still refuses any other unknown key, naming it', async () => {
    await expect(problemsOf({ items: [{ name: 'a', protoype: 1 }] }, NestedDto)).resolves.toEqual(['items[0].protoype']);
  });
});
