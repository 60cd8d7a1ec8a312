import { describeOperator, operatorOfShop } from '../describe-operator';
import { FactLog, id } from '../testing/fact-log';
import { resolve } from '../testing/resolve';
import { why } from '../explain/why';

const today = '2025-06-01';

describe('one operator behind three nominees on three platforms, paid into one account', () => {
  const log = new FactLog();
  const shops = ['shopee:s-1', 'lazada:l-1', 'tiktok:t-1'];
  shops.forEach((shop) => log.register(shop));
  log.declare('shopee:s-1', { nationalId: '001089000001', personName: 'tran thi binh' }, { verification: 'vneid_level_2' });
  log.declare('lazada:l-1', { nationalId: '001089000002', personName: 'le van cuong' }, { verification: 'nfc_chip' });
  log.declare('tiktok:t-1', { nationalId: '001089000003', personName: 'pham thi dung' }, { verification: 'vneid_level_1' });
  shops.forEach((shop) => log.claim(shop, 'payout_account', id('bankAccount', 'VCB:0011004455667')));
  log.attest('bankAccount', 'VCB:0011004455667', { nationalId: '001079009999', personName: 'nguyen van an' }, { by: 'vcb' });
  const graph = resolve(log, today);

  it('puts the three shops in one operator named after the first registered', () => {
    const profile = operatorOfShop(graph, 'tiktok:t-1')!;
    expect(profile.operatorId).toBe('op:shopee:s-1');
    expect(profile.shops.map((s) => [s.shop, s.platformId])).toEqual([
      ['shopee:s-1', 'shopee'],
      ['lazada:l-1', 'lazada'],
      ['tiktok:t-1', 'tiktok'],
    ]);
  });

  it('ranks the attested holder of the payout account first, above the verified declared owners', () => {
    const { controllers } = operatorOfShop(graph, 'shopee:s-1')!;
    expect(controllers[0].person).toEqual({ key: 'nationalId:001079009999', nationalId: '001079009999', taxCode: null, name: 'nguyen van an' });
    expect(controllers[0].confidence).toEqual({ level: 'high', value: 0.9 });
    expect(controllers[0].why.map((e) => e.kind)).toEqual(['payoutHolder', 'payoutHolder', 'payoutHolder']);
    expect(controllers.slice(1).map((c) => [c.person.nationalId, c.confidence])).toEqual([
      ['001089000001', { level: 'low', value: 0.17 }],
      ['001089000002', { level: 'low', value: 0.13 }],
      ['001089000003', { level: 'low', value: 0.1 }],
    ]);
  });

  it('marks each shop nomineeSuspected: its declared owner is not who the bank pays', () => {
    const profile = operatorOfShop(graph, 'shopee:s-1')!;
    for (const shop of profile.shops) {
      expect(shop.nomineeSuspected?.controlledBy?.nationalId).toBe('001079009999');
      expect(shop.nomineeSuspected?.declared.map((p) => p.nationalId)).toEqual([shop.declaredOwners[0].person.nationalId]);
      expect(shop.nomineeSuspected?.evidence[0].text).toMatch(/holds .*payout bankAccount VCB:0011004455667, attested by vcb/);
    }
  });

  it('answers with the strongest join as its confidence: the attested holder', () => {
    expect(operatorOfShop(graph, 'lazada:l-1')!.confidence.value).toBe(0.95);
  });
});

describe('a rented identity fronting two unrelated operators', () => {
  const rented = { nationalId: '001095000777', personName: 'hoang van em' };
  const log = new FactLog();
  for (const shop of ['shopee:x-1', 'lazada:x-2', 'tiki:y-1']) {
    log.register(shop);
    log.declare(shop, rented, { verification: 'vneid_level_2' });
  }
  log.claim('shopee:x-1', 'payout_account', id('bankAccount', 'VCB:111'));
  log.claim('lazada:x-2', 'payout_account', id('bankAccount', 'VCB:111'));
  log.claim('tiki:y-1', 'payout_account', id('eWallet', 'MOMO:+84900000222'));
  log.attest('bankAccount', 'VCB:111', { nationalId: '001080000111' });
  log.attest('eWallet', 'MOMO:+84900000222', { nationalId: '001080000222' });
  const graph = resolve(log, today);

  it('is a nominee and does not fuse the two operators', () => {
    expect(graph.isNominee('nationalId:001095000777')).toBe(true);
    expect(graph.operatorOf('shopee:x-1')).toBe('op:shopee:x-1');
    expect(graph.shopsOf('op:shopee:x-1')).toEqual(['shopee:x-1', 'lazada:x-2']);
    expect(graph.shopsOf('op:tiki:y-1')).toEqual(['tiki:y-1']);
  });

  it('explains that only the nominee (and its name, a lead) stands between them', () => {
    const answer = why(graph, 'lazada:x-2', 'tiki:y-1');
    expect(answer).toEqual({
      joined: false,
      operators: ['op:shopee:x-1', 'op:tiki:y-1'],
      reasons: [
        { kind: 'nominee', joinKey: 'nationalId:001095000777', moneyGroups: 2 },
        { kind: 'leadOnly', identifier: { kind: 'personName', value: 'hoang van em' }, shopCount: 3 },
      ],
    });
  });

  it('reports the nominee on both operators and suspects each shop', () => {
    const profile = describeOperator(graph, 'op:tiki:y-1')!;
    expect(profile.nominees).toEqual([{ joinKey: 'nationalId:001095000777', moneyGroups: 2 }]);
    expect(profile.shops[0].nomineeSuspected?.controlledBy?.nationalId).toBe('001080000222');
    expect(profile.shops[0].nomineeSuspected?.reasons.join(' ')).toMatch(/fronts shops paid out to 2 unrelated groups/);
    expect(profile.controllers[0].person.nationalId).toBe('001080000222');
  });

  it('is a nominee too when the payout accounts are unattested and nothing else connects them', () => {
    const plain = new FactLog();
    plain.declare('shopee:p-1', rented);
    plain.declare('shopee:p-2', rented);
    plain.claim('shopee:p-1', 'payout_account', id('bankAccount', 'ACB:1'));
    plain.claim('shopee:p-2', 'payout_account', id('bankAccount', 'TCB:2'));
    const apart = resolve(plain, today);
    expect(apart.isNominee('nationalId:001095000777')).toBe(true);
    expect(apart.operatorOf('shopee:p-1')).not.toBe(apart.operatorOf('shopee:p-2'));

    plain.claim('shopee:p-2', 'contact', id('email', 'shop@example.vn'));
    plain.claim('shopee:p-1', 'contact', id('email', 'shop@example.vn'));
    const connected = resolve(plain, today);
    expect(connected.isNominee('nationalId:001095000777')).toBe(false);
    expect(connected.operatorOf('shopee:p-1')).toBe(connected.operatorOf('shopee:p-2'));
  });

  it('joins shops through a declared identity whose shops pay one holder, or do not show their money', () => {
    const genuine = new FactLog();
    genuine.declare('sendo:g-1', { nationalId: '001070000123' });
    genuine.declare('sendo:g-2', { nationalId: '001070000123' });
    genuine.claim('sendo:g-1', 'payout_account', id('bankAccount', 'BIDV:9'));
    const graph = resolve(genuine, today);
    expect(graph.isNominee('nationalId:001070000123')).toBe(false);
    expect(graph.shopsOf('op:sendo:g-1')).toEqual(['sendo:g-1', 'sendo:g-2']);
    expect(operatorOfShop(graph, 'sendo:g-2')!.shops.every((s) => s.nomineeSuspected === null)).toBe(true);
  });
});
