import fc from 'fast-check';
import { packAnswer, packedText, unpackAnswer } from './answer.codec';

const blind = (n: number) => `${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-'.slice(n % 10)}${n}`.padEnd(43, 'x');

/** An answer as the view keeps one: the same blind indexes named by a shop, a controller, a lead and a fact. */
const answer = {
  summary: {
    controller: { key: `nationalId:${blind(1)}`, nationalId: blind(1), taxCode: null, name: blind(2) },
    through: ['declared owner of 1 of 1 shop'],
    confidence: { level: 'medium', value: 0.5 },
    text: `${blind(2)}, national ID ${blind(1)} controls the 1 shop on 1 platform.`,
  },
  operatorId: 'op:shopee:s1',
  asOf: { position: 624, date: '2026-12-06' },
  shops: [{ shop: 'shopee:s1', platformId: 'shopee', firstSeen: 18, declaredOwners: [], nomineeSuspected: null }],
  controllers: [],
  hubs: [{ joinKey: `phone:${blind(3)}` }],
  nominees: [],
  leads: [
    { kind: 'personName', value: blind(2) },
    { kind: 'address', value: blind(4) },
  ],
  joins: [],
  confidence: { level: 'high', value: 1, weakestJoin: null },
};

describe('the operator view answer codec', () => {
  it('gives back the answer, with its keys in their order', () => {
    const unpacked = unpackAnswer(packAnswer(answer));
    expect(unpacked).toEqual(answer);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(answer));
  });

  it('packs a recurring blind index once, and stores an answer in well under a third of its JSON', () => {
    const packed = packedText(answer);
    expect(packed.split(blind(1)).length - 1).toBe(1);
    expect(packed.split(blind(2)).length - 1).toBe(1);
    expect(packAnswer(answer).length).toBeLessThan(JSON.stringify(answer).length / 3);
  });

  it('gives back any JSON value, negative numbers and keys that look like shapes included', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('a,b', blind(5), `k:${blind(5)}`, `${blind(5)} and ${blind(6)}`));
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.constantFrom(-1, -2, -3, 0),
        text,
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.stringify(unpackAnswer(packAnswer(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back an answer with thousands of recurring strings', () => {
    const many = Array.from({ length: 7000 }, (_, n) => ({ kind: 'address', value: blind(n) }));
    const value = { leads: [...many, ...many] };
    expect(unpackAnswer(packAnswer(value))).toEqual(value);
  });

  it('gives back a key named __proto__ as an own key, not as the prototype', () => {
    const value = JSON.parse('{"__proto__":{"a":1},"b":[{"__proto__":2}]}') as object;
    const unpacked = unpackAnswer(packAnswer(value));
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf(unpacked)).toBe(Object.prototype);
  });

  it('leaves out keys whose value is undefined, as JSON does', () => {
    expect(unpackAnswer(packAnswer({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });
});
