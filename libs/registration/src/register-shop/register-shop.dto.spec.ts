import 'reflect-metadata';
import { EDGE_VALIDATION, flatten, validateItem } from '@registry/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { aRegistration } from '../../../../test/api/shops-api.suite';
import { RegisterShopDto } from './register-shop.dto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** As the API tests register a shop: three claims, every kind of subject field. */
const registration = JSON.parse(JSON.stringify(aRegistration('shop-1'))) as Json;

function containers(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const inner = Array.isArray(value)
    ? value.flatMap((item, i) => containers(item, [...path, i]))
    : Object.entries(value).flatMap(([key, item]) => containers(item, [...path, key]));
  return [path, ...inner];
}

/** The registration with one change somewhere: a key dropped, a value replaced (by any JSON, or another field's value), a key added. */
const changed = fc
  .tuple(
    fc.constantFrom(...containers(registration)),
    fc.constantFrom('drop', 'replace', 'add'),
    fc.nat(),
    fc.oneof(fc.jsonValue(), fc.constantFrom<Json>('', 'vcb', '001089012345', '2026-13-01', 'https://x.vn', 'payout_account', [], {})),
    fc.constantFrom('phone', 'role', 'extra', 'nationalId', 'until'),
  )
  .map(([path, action, pick, replacement, newKey]) => {
    const copy = JSON.parse(JSON.stringify(registration)) as Json;
    const target = path.reduce<Json>((at, key) => (at as Record<string, Json>)[key], copy) as Record<string, Json>;
    const keys = Object.keys(target);
    if (action === 'add' || keys.length === 0) target[newKey] = replacement as Json;
    else if (action === 'drop' && !Array.isArray(target)) delete target[keys[pick % keys.length]];
    else target[keys[pick % keys.length]] = replacement as Json;
    return copy;
  });

describe('a registration body at the edge', () => {
  it('is judged as class-validator alone judges it, with the same problems (bulk items and bodies share the check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(registration), changed), async (body) => {
        const errors = await validate(plainToInstance(RegisterShopDto, body as object, { enableImplicitConversion: false }), EDGE_VALIDATION);
        const checked = await validateItem(RegisterShopDto, body, 'shops[0]');
        expect(checked.ok ? [] : checked.problems).toEqual(flatten(errors, 'shops[0]'));
      }),
      { numRuns: 1500 },
    );
  });
});
