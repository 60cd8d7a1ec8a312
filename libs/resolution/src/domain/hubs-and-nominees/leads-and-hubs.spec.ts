import { describeOperator, operatorOfShop } from '../describe-operator';
import { DEFAULT_RESOLUTION_POLICY } from '../resolution-policy';
import { FactLog, id } from '../testing/fact-log';
import { clustersOf, resolve } from '../testing/resolve';
import { why } from '../explain/why';

const today = '2025-06-01';
const shopsNumbered = (count: number, platform = 'shopee') => Array.from({ length: count }, (_, n) => `${platform}:s-${String(n).padStart(3, '0')}`);

describe('a common full name shared by unrelated sellers', () => {
  const log = new FactLog();
  shopsNumbered(3).forEach((shop, n) => log.declare(shop, { nationalId: `00108900000${n}`, personName: 'nguyen van an' }));
  const graph = resolve(log, today);

  it('merges nothing', () => {
    expect(clustersOf(graph).map((c) => c.shops.length)).toEqual([1, 1, 1]);
  });

  it('is reported as a lead with its size', () => {
    expect(operatorOfShop(graph, 'shopee:s-000')!.leads).toEqual([{ identifier: id('personName', 'nguyen van an'), shopCount: 3 }]);
    expect(why(graph, 'shopee:s-000', 'shopee:s-002')).toMatchObject({
      joined: false,
      reasons: [{ kind: 'leadOnly', identifier: id('personName', 'nguyen van an'), shopCount: 3 }],
    });
  });
});

describe('a fulfilment warehouse shared by 200 unrelated shops', () => {
  const log = new FactLog();
  const shops = shopsNumbered(200);
  shops.forEach((shop, n) => {
    log.claim(shop, 'warehouse', id('address', 'kho tong long bien, ha noi'));
    log.claim(shop, 'payout_account', id('bankAccount', `VCB:${n}`));
  });
  const graph = resolve(log, today);

  it('merges nothing: an address never joins shops', () => {
    expect(clustersOf(graph)).toHaveLength(200);
  });

  it('is reported on every shop as a lead of size 200', () => {
    expect(operatorOfShop(graph, 'shopee:s-150')!.leads).toEqual([{ identifier: id('address', 'kho tong long bien, ha noi'), shopCount: 200 }]);
  });

  it('still finds every shop at that address by identifier', () => {
    expect(graph.holdersOf(id('address', 'kho tong long bien, ha noi'))).toHaveLength(200);
    expect(graph.holdersOf(id('bankAccount', 'VCB:7'))).toEqual(['shopee:s-007']);
  });
});

describe('a payout account shared by 200 shops (a payment intermediary collecting for its sellers)', () => {
  const log = new FactLog();
  const shops = shopsNumbered(200, 'tiktok');
  shops.forEach((shop) => log.claim(shop, 'payout_account', id('bankAccount', 'MB:COLLECT-01')));
  log.attest('bankAccount', 'MB:COLLECT-01', { taxCode: '0314409058' });
  const graph = resolve(log, today);

  it('is a hub, account and holder both: reported, never joined through', () => {
    expect(graph.isHub('bankAccount:MB:COLLECT-01')).toBe(true);
    expect(graph.isHub('taxCode:0314409058')).toBe(true);
    expect(clustersOf(graph)).toHaveLength(200);
    expect(describeOperator(graph, 'op:tiktok:s-007')!.hubs).toEqual([
      { joinKey: 'bankAccount:MB:COLLECT-01', shopCount: 200 },
      { joinKey: 'taxCode:0314409058', shopCount: 200 },
    ]);
  });

  it('explains that two of its shops are joined only through hubs', () => {
    expect(why(graph, 'tiktok:s-001', 'tiktok:s-002')).toEqual({
      joined: false,
      operators: ['op:tiktok:s-001', 'op:tiktok:s-002'],
      reasons: [
        { kind: 'hub', joinKey: 'bankAccount:MB:COLLECT-01', shopCount: 200, moreThan: false },
        { kind: 'hub', joinKey: 'taxCode:0314409058', shopCount: 200, moreThan: false },
      ],
    });
  });

  it('still joins shops that are connected otherwise', () => {
    log.link('tiktok:s-001', 'tiktok:s-002', 'enforcement');
    const linked = resolve(log, today);
    expect(linked.shopsOf('op:tiktok:s-001')).toEqual(['tiktok:s-001', 'tiktok:s-002']);
  });
});

describe('the hub threshold: more otherwise unrelated groups than it on one key', () => {
  const log = new FactLog();
  shopsNumbered(5).forEach((shop) => log.pickup(shop, 'diem giao hang 12 cau giay', '+84911000111'));

  it('joins shops sharing a phone when they are no more than it (default 5)', () => {
    expect(clustersOf(resolve(log, today))).toHaveLength(1);
  });

  it('makes a phone shared by more unrelated shops a hub', () => {
    shopsNumbered(3, 'lazada').forEach((shop) => log.pickup(shop, 'diem giao hang 12 cau giay', '+84911000111'));
    const graph = resolve(log, today);
    expect(graph.isHub('phone:+84911000111')).toBe(true);
    expect(clustersOf(graph)).toHaveLength(8);
  });

  it('is configuration: at 10, a shipper phone shared by 8 unrelated shops joins them', () => {
    expect(clustersOf(resolve(log, today, { ...DEFAULT_RESOLUTION_POLICY, hubThreshold: 10 }))).toHaveLength(1);
  });
});
