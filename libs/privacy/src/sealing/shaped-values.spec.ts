import fc from 'fast-check';
import { shapedValue, unshapedValue } from './shaped-values';

const roundTrip = (value: unknown) => unshapedValue(JSON.parse(JSON.stringify(shapedValue(value))));

describe('personal values shaped before sealing', () => {
  const owner = { nationalId: '001089012345', fullName: { original: 'Nguyễn Văn An', folded: 'nguyen van an' }, dateOfBirth: '1989-05-08' };

  it('writes a subject without its key names, and reads it back with its keys in their order', () => {
    expect(JSON.stringify(shapedValue(owner))).toBe('[321,"001089012345",[1536,"Nguyễn Văn An","nguyen van an"],"1989-05-08"]');
    expect(JSON.stringify(roundTrip(owner))).toBe(JSON.stringify(owner));
  });

  it('keeps an object with another key, or with its keys in another order, as it is', () => {
    const other = { phone: '+84912345678', note: 'x' };
    const reordered = { fullName: owner.fullName, nationalId: owner.nationalId };
    expect(shapedValue(other)).toBe(other);
    expect(shapedValue(reordered)).toBe(reordered);
    expect(roundTrip([other, reordered])).toEqual([other, reordered]);
  });

  it('gives back any JSON value', () => {
    const key = fc.oneof(fc.constantFrom('nationalId', 'phone', 'fullName', 'original', 'folded', 'dateOfBirth', '__proto__'), fc.string());
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.constantFrom(0, -1, 1536),
        fc.string(),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.stringify(roundTrip(value))).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });
});
