import 'reflect-metadata';
import { EDGE_VALIDATION, flatten, validateItem } from '@registry/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { aRegistration } from '../../../../test/api/shops-api.suite';
import { Json, withOneChange } from '../../../../test/support/json-changes';
import { RegisterShopDto } from './register-shop.dto';

/** As the API tests register a shop: three claims, every kind of subject field. */
const registration = JSON.parse(JSON.stringify(aRegistration('shop-1'))) as Json;

/** The registration with one change somewhere: a key dropped, a value replaced (by any JSON, or another field's value), a key added. */
const changed = withOneChange(
  registration,
  fc.oneof(fc.jsonValue() as fc.Arbitrary<Json>, fc.constantFrom<Json>('', 'vcb', '001089012345', '2026-13-01', 'https://x.vn', 'payout_account', [], {})),
  ['phone', 'role', 'extra', 'nationalId', 'until'],
);

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
