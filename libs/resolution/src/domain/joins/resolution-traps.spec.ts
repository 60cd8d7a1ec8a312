import { describeOperator, operatorOfShop } from '../describe-operator';
import { PersonIdentity } from '../facts/facts';
import { FactLog, id } from '../testing/fact-log';
import { clustersOf, resolve } from '../testing/resolve';
import { why } from '../explain/why';

/** The classes of wrong answers issue 10 measured on a generated market, each as facts in and operators out. */
const today = '2025-06-01';
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}-${String(n).padStart(3, '0')}`);

/** An operator's shops, each paid into the operator's account, which the bank attests to the operator. */
function operator(log: FactLog, shops: readonly string[], who: PersonIdentity & { nationalId: string }, account: string) {
  for (const shop of shops) log.claim(shop, 'payout_account', id('bankAccount', account));
  log.attest('bankAccount', account, who, { by: 'bank' });
}

describe('1. a rented identity fronting three operators, its own phone and email on every claim', () => {
  const rented = { nationalId: '001095000777', personName: 'hoang van em', phone: '+84911000777', email: 'em.hoang@example.vn' };
  const log = new FactLog();
  const owners = ['001080000001', '001080000002', '001080000003'];
  const shopsOf = owners.map((_, n) => numbered(`shopee:op${n}`, 2));
  shopsOf.forEach((shops, n) => {
    for (const shop of shops) {
      log.register(shop);
      log.declare(shop, { nationalId: rented.nationalId, personName: rented.personName }, { claimId: `kyc-${shop}` });
      log.claim(shop, 'declared_owner', id('phone', rented.phone), { claimId: `kyc-${shop}`, verification: 'vneid_level_2' });
      log.claim(shop, 'declared_owner', id('email', rented.email), { claimId: `kyc-${shop}`, verification: 'vneid_level_2' });
    }
    operator(log, shops, { nationalId: owners[n] }, `VCB:${n}`);
  });
  log.claim(shopsOf[2][0], 'contact', id('phone', rented.phone));
  log.attest('phone', rented.phone, { nationalId: rented.nationalId }, { by: 'viettel' });
  const graph = resolve(log, today);

  it('keeps the three operators apart: the identity, its phone and its email are nominees and join nothing', () => {
    expect(clustersOf(graph).map((c) => c.shops)).toEqual(shopsOf);
    expect(graph.isNominee(`nationalId:${rented.nationalId}`)).toBe(true);
    expect(graph.isNominee(`email:${rented.email}`)).toBe(true);
  });

  it('names each operator its own payout holder, and reports the nominee fronting three groups', () => {
    shopsOf.forEach((shops, n) => {
      const profile = operatorOfShop(graph, shops[0])!;
      expect(profile.controllers[0].person.nationalId).toBe(owners[n]);
      expect(profile.nominees).toContainEqual({ joinKey: `nationalId:${rented.nationalId}`, moneyGroups: 3 });
    });
  });
});

describe('2. a hub is a key shared by many otherwise unrelated groups, not one with many shops', () => {
  const log = new FactLog();
  const big = numbered('lazada:big', 38);
  const boss = { nationalId: '001079000038', personName: 'tran van lon' };
  for (const shop of big) {
    log.declare(shop, boss);
    log.claim(shop, 'contact', id('phone', '+84988000038'));
    log.claim(shop, 'contact', id('email', 'lon@example.vn'));
  }
  operator(log, big, boss, 'TCB:38');
  const clients = numbered('tiki:client', 60);
  clients.forEach((shop, n) => {
    log.declare(shop, { nationalId: `0010900${String(10000 + n).slice(-5)}` });
    log.claim(shop, 'payout_account', id('bankAccount', `ACB:${n}`));
    log.pickup(shop, 'kho giao nhan cau giay', '+84243000111');
    log.claim(shop, 'contact', id('email', 'giaonhan@shipper.vn'));
  });
  const sellers = numbered('tiktok:seller', 30);
  sellers.forEach((shop, n) => {
    log.declare(shop, { nationalId: `0011900${String(10000 + n).slice(-5)}` });
    log.claim(shop, 'payout_account', id('eWallet', 'MOMO:COLLECT'));
  });
  log.attest('eWallet', 'MOMO:COLLECT', { taxCode: '0314409058' });
  const graph = resolve(log, today);

  it("keeps an operator's own ID, account, phone and email on 38 shops one operator", () => {
    expect(graph.shopsOf(graph.operatorOf(big[0])!)).toHaveLength(38);
    expect(['phone:+84988000038', 'email:lon@example.vn', 'bankAccount:TCB:38', `nationalId:${boss.nationalId}`].filter(graph.isHub)).toEqual([]);
  });

  it("makes a shipper's phone and email over 60 clients hubs, though they cover each other", () => {
    expect(graph.isHub('phone:+84243000111')).toBe(true);
    expect(graph.isHub('email:giaonhan@shipper.vn')).toBe(true);
    expect(clients.map((shop) => graph.shopsOf(graph.operatorOf(shop)!).length)).toEqual(clients.map(() => 1));
  });

  it("makes a payment intermediary's collection wallet and its attested holder hubs", () => {
    expect(graph.isHub('eWallet:MOMO:COLLECT')).toBe(true);
    expect(graph.isHub('taxCode:0314409058')).toBe(true);
    expect(new Set(sellers.map((shop) => graph.operatorOf(shop))).size).toBe(30);
  });

  it("names neither the intermediary nor the shipper as a seller's controller, nor suspects the seller", () => {
    const profile = operatorOfShop(graph, sellers[3])!;
    expect(profile.controllers.map((c) => c.person.key)).toEqual(['nationalId:001190010003']);
    expect(profile.shops[0].nomineeSuspected).toBeNull();
    expect(profile.hubs.map((h) => h.joinKey)).toEqual(['eWallet:MOMO:COLLECT', 'taxCode:0314409058']);
  });

  it('still joins clients of the shipper that share an account of their own', () => {
    log.claim(clients[1], 'payout_account', id('bankAccount', 'ACB:0'));
    const joined = resolve(log, today);
    expect(joined.shopsOf(joined.operatorOf(clients[0])!)).toEqual([clients[0], clients[1]].sort((a, b) => joined.firstSeen(a)! - joined.firstSeen(b)!));
    expect(joined.isHub('phone:+84243000111')).toBe(true);
  });
});

describe('3. a nominee whose own phone the telecom attests', () => {
  const log = new FactLog();
  const nominee = { nationalId: '001190000333', personName: 'le thi ba' };
  const shops = ['shopee:n-1', 'lazada:n-2'];
  for (const shop of shops) {
    log.declare(shop, nominee, { claimId: `kyc-${shop}` });
    log.claim(shop, 'declared_owner', id('phone', '+84977000333'), { claimId: `kyc-${shop}`, verification: 'vneid_level_2' });
  }
  log.attest('phone', '+84977000333', nominee, { by: 'mobifone' });
  operator(log, shops, { nationalId: '001075000999', personName: 'operator that' }, 'BIDV:999');
  const graph = resolve(log, today);

  it('is not a controller through that phone: every shop is flagged, controlled by the payout holder', () => {
    const profile = operatorOfShop(graph, 'shopee:n-1')!;
    expect(profile.controllers.map((c) => [c.person.nationalId, c.attested])).toEqual([
      ['001075000999', true],
      ['001190000333', false],
    ]);
    for (const shop of profile.shops) expect(shop.nomineeSuspected?.controlledBy?.nationalId).toBe('001075000999');
  });
});

describe('4. the controller of a big operator behind four rented identities, against a one-shop nominee with everything of its own', () => {
  const log = new FactLog();
  const shops = numbered('shopee:op', 40);
  const boss = { nationalId: '001070000040', personName: 'ong chu' };
  const fronts = ['001191000001', '001191000002', '001191000003', '001191000004'];
  const lone = { nationalId: '001191001000' };
  shops.forEach((shop, n) => log.declare(shop, { nationalId: n === 0 ? lone.nationalId : fronts[n % 4] }, { verification: 'nfc_chip' }));
  operator(log, shops, boss, 'VCB:40');
  log.claim(shops[0], 'payout_account', id('bankAccount', 'ACB:own'));
  log.attest('bankAccount', 'ACB:own', lone, { by: 'acb' });
  log.claim(shops[0], 'contact', id('phone', '+84966000001'));
  log.attest('phone', '+84966000001', lone, { by: 'viettel' });
  const profile = operatorOfShop(resolve(log, today), shops[0])!;

  it('ranks the holder of the money of 40 shops first with high confidence, the one-shop nominee last and low', () => {
    expect(profile.shops).toHaveLength(40);
    expect(profile.controllers[0].person.nationalId).toBe(boss.nationalId);
    expect(profile.controllers[0].through[0]).toEqual({ kind: 'payoutHolder', shops: 40, ofShops: 40, value: 0.9 });
    expect(profile.controllers[0].confidence).toEqual({ level: 'high', value: 0.9 });
    expect(profile.controllers.at(-1)!.person.nationalId).toBe(lone.nationalId);
    expect(profile.controllers.at(-1)!.confidence.level).toBe('low');
  });

  it('orders equal declared owners by the shops they cover, then by key, never tied at 1', () => {
    expect(profile.controllers.slice(1, 5).map((c) => [c.person.nationalId, c.through[0].shops, c.confidence.value])).toEqual([
      ['001191000002', 10, 0.1],
      ['001191000003', 10, 0.1],
      ['001191000004', 10, 0.1],
      ['001191000001', 9, 0.09],
    ]);
  });
});

describe('5. a genuine owner with two shops, one paid into an account the bank attests to them, one into an unattested account in their name', () => {
  const log = new FactLog();
  const owner = { nationalId: '001085000555', personName: 'pham van that' };
  log.declare('sendo:own-1', owner);
  log.declare('tiki:own-2', owner);
  log.claim('sendo:own-1', 'payout_account', id('bankAccount', 'VCB:555'));
  log.attest('bankAccount', 'VCB:555', owner, { by: 'vcb' });
  log.claim('tiki:own-2', 'payout_account', id('bankAccount', 'MB:556'), { claimId: 'payout-2' });
  log.claim('tiki:own-2', 'payout_account', id('personName', owner.personName), { claimId: 'payout-2' });
  const graph = resolve(log, today);

  it('is one operator, not a nominee, and no shop is suspected', () => {
    expect(graph.isNominee(`nationalId:${owner.nationalId}`)).toBe(false);
    expect(graph.shopsOf('op:sendo:own-1')).toEqual(['sendo:own-1', 'tiki:own-2']);
    expect(operatorOfShop(graph, 'tiki:own-2')!.shops.map((s) => s.nomineeSuspected)).toEqual([null, null]);
  });

  it('is still a nominee when the unattested account names someone else and the same identity fronts it', () => {
    const other = new FactLog();
    other.declare('sendo:own-1', owner);
    other.declare('tiki:own-2', owner);
    other.claim('sendo:own-1', 'payout_account', id('bankAccount', 'VCB:555'));
    other.attest('bankAccount', 'VCB:555', owner, { by: 'vcb' });
    other.claim('tiki:own-2', 'payout_account', id('bankAccount', 'MB:556'), { claimId: 'payout-2' });
    other.claim('tiki:own-2', 'payout_account', id('personName', 'nguoi khac'), { claimId: 'payout-2' });
    expect(resolve(other, today).isNominee(`nationalId:${owner.nationalId}`)).toBe(true);
  });
});

describe("5b. a genuine owner with one shop paid only into a payment intermediary's collection account", () => {
  const log = new FactLog();
  const owner = { nationalId: '001085000666', personName: 'do thi mot' };
  log.declare('lazada:own-1', owner);
  log.declare('lazada:own-2', owner);
  log.claim('lazada:own-1', 'payout_account', id('bankAccount', 'TCB:666'));
  numbered('tiki:other', 8).forEach((shop, n) => {
    log.declare(shop, { nationalId: `0010930${String(10000 + n).slice(-5)}` });
    log.claim(shop, 'payout_account', id('bankAccount', 'VIB:COLLECT'));
  });
  log.claim('lazada:own-2', 'payout_account', id('bankAccount', 'VIB:COLLECT'));
  const graph = resolve(log, today);

  it('is one operator and no nominee: the collection account says nothing about whose money it is', () => {
    expect(graph.isHub('bankAccount:VIB:COLLECT')).toBe(true);
    expect(graph.isNominee(`nationalId:${owner.nationalId}`)).toBe(false);
    expect(graph.shopsOf('op:lazada:own-1')).toEqual(['lazada:own-1', 'lazada:own-2']);
    expect(operatorOfShop(graph, 'lazada:own-2')!.shops.map((s) => s.nomineeSuspected)).toEqual([null, null]);
  });
});

describe('6. why reads well: the real size of a hub, roles as words', () => {
  const log = new FactLog();
  const shops = numbered('shopee:w', 25);
  shops.forEach((shop, n) => {
    log.declare(shop, { nationalId: `0010920${String(10000 + n).slice(-5)}` }, { role: n === 0 ? 'legal_representative' : 'declared_owner' });
    log.claim(shop, 'contact', id('phone', '+84911999999'));
  });
  const graph = resolve(log, today);

  it('gives the hub its shop count over the graph it resolved', () => {
    expect(why(graph, shops[0], shops[1])).toMatchObject({
      joined: false,
      reasons: [{ kind: 'hub', joinKey: 'phone:+84911999999', shopCount: 25, moreThan: false }],
    });
  });

  it('says "declared owner" and "legal representative", never "declared declared owner"', () => {
    const texts = [shops[0], shops[1]].flatMap((shop) => operatorOfShop(graph, shop)!.controllers.flatMap((c) => c.why.map((e) => e.text)));
    expect(texts).toEqual([expect.stringMatching(/^legal representative of shopee:w-000 /), expect.stringMatching(/^declared owner of shopee:w-001 /)]);
  });
});

describe('7. an operator answer opens with a summary', () => {
  const log = new FactLog();
  const shops = ['shopee:s-1', 'lazada:l-1', 'tiki:t-1'];
  shops.forEach((shop, n) => log.declare(shop, { nationalId: `00118900000${n}` }));
  operator(log, shops, { nationalId: '001079009999', personName: 'nguyen van an' }, 'VCB:0011004455667');
  const profile = describeOperator(resolve(log, today), 'op:shopee:s-1')!;

  it('says who controls it, through what and how sure, before the evidence', () => {
    expect(Object.keys(profile)[0]).toBe('summary');
    expect(profile.summary).toEqual({
      controller: { key: 'nationalId:001079009999', nationalId: '001079009999', taxCode: null, name: 'nguyen van an' },
      through: ['attested holder of the payout account of 3 of 3 shops'],
      confidence: { level: 'high', value: 0.9 },
      text: expect.stringMatching(
        /^nguyen van an, national ID 001079009999 controls the 3 shops on 3 platforms as attested holder of the payout account of 3 of 3 shops\. Confidence high \(0\.9\)/,
      ),
    });
  });

  it('says so when nothing names a person', () => {
    const bare = new FactLog();
    bare.claim('shopee:x', 'contact', id('email', 'x@example.vn'));
    expect(operatorOfShop(resolve(bare, today), 'shopee:x')!.summary).toEqual({
      controller: null,
      through: [],
      confidence: { level: 'low', value: 0 },
      text: 'No person is known to control the 1 shop on 1 platform; one shop.',
    });
  });
});
