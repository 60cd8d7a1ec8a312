import { operatorOfShop } from '../describe-operator';
import { FactLog, id } from '../testing/fact-log';
import { clustersOf, resolve } from '../testing/resolve';
import { why } from '../explain/why';

const phone = '+84912345678';
const first = { nationalId: '001085000001', personName: 'do van hai' };
const second = { nationalId: '001090000002', personName: 'vu thi lan' };

describe('a recycled phone number: two subscribers in sequence', () => {
  const log = new FactLog();
  log.attest('phone', phone, first, { validFrom: '2019-01-01', validTo: '2021-12-31', by: 'viettel' });
  log.attest('phone', phone, second, { validFrom: '2022-03-01', by: 'viettel' });
  log.claim('shopee:old', 'contact', id('phone', phone), { validFrom: '2020-05-01' });
  log.claim('lazada:new', 'contact', id('phone', phone), { validFrom: '2023-02-01' });
  const graph = resolve(log, '2024-06-01');

  it('does not join the shops of the two subscribers, though both claims still stand', () => {
    expect(clustersOf(graph).map((c) => c.shops)).toEqual([['lazada:new'], ['shopee:old']]);
  });

  it('explains that the phone was held by different subscribers: the old claim, standing across the change, by either', () => {
    expect(why(graph, 'shopee:old', 'lazada:new')).toMatchObject({
      joined: false,
      reasons: [
        {
          kind: 'differentSubscribers',
          identifier: id('phone', phone),
          subscribers: [
            { shop: 'shopee:old', person: null },
            { shop: 'lazada:new', person: { nationalId: second.nationalId } },
          ],
        },
      ],
    });
  });

  it('names the subscriber as controller where the claim stood under one subscriber only', () => {
    expect(operatorOfShop(graph, 'shopee:old')!.controllers).toEqual([]);
    expect(operatorOfShop(graph, 'lazada:new')!.controllers[0].why[0].text).toMatch(/subscriber of lazada:new's contact phone/);
    expect(operatorOfShop(resolve(log, '2021-06-01'), 'shopee:old')!.controllers[0].person.nationalId).toBe(first.nationalId);
  });

  it('joins shops that gave the number while the same subscriber held it', () => {
    log.claim('tiki:later', 'contact', id('phone', phone), { validFrom: '2024-01-10' });
    const joined = resolve(log, '2024-06-01');
    expect(joined.shopsOf('op:lazada:new')).toEqual(['lazada:new', 'tiki:later']);
    expect(why(joined, 'tiki:later', 'lazada:new')).toMatchObject({
      joined: true,
      chain: [{ basis: 'attestedPhone', joinKey: `phone:${phone}@nationalId:${second.nationalId}` }],
    });
  });
});

describe('a phone no telecom attests', () => {
  it('joins claims whose periods overlap, and never claims that follow one another', () => {
    const log = new FactLog();
    log.claim('shopee:a', 'contact', id('phone', phone), { validFrom: '2020-01-01', validTo: '2021-06-30' });
    log.claim('shopee:b', 'contact', id('phone', phone), { validFrom: '2022-01-01' });
    log.claim('shopee:c', 'contact', id('phone', phone), { validFrom: '2021-01-01', validTo: '2021-03-31' });
    for (const date of ['2020-06-01', '2021-02-01', '2022-06-01']) {
      const graph = resolve(log, date);
      expect(graph.operatorOf('shopee:a')).not.toBe(graph.operatorOf('shopee:b'));
    }
    expect(resolve(log, '2021-02-01').shopsOf('op:shopee:a')).toEqual(['shopee:a', 'shopee:c']);
  });

  it('joins nothing when two subscribers are attested at once', () => {
    const log = new FactLog();
    log.attest('phone', phone, first, { validFrom: '2020-01-01' });
    log.attest('phone', phone, second, { validFrom: '2020-01-01' });
    log.claim('shopee:a', 'contact', id('phone', phone), { validFrom: '2021-01-01' });
    log.claim('shopee:b', 'contact', id('phone', phone), { validFrom: '2021-01-01' });
    const graph = resolve(log, '2022-01-01');
    expect(clustersOf(graph)).toHaveLength(2);
    expect(why(graph, 'shopee:a', 'shopee:b')).toMatchObject({
      reasons: [
        {
          kind: 'differentSubscribers',
          subscribers: [
            { shop: 'shopee:a', person: null },
            { shop: 'shopee:b', person: null },
          ],
        },
      ],
    });
  });
});
