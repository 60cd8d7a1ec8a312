import { confidenceOf } from '../explain/confidence';
import { rankControllers } from './controllers';
import { operatorOfShop } from '../describe-operator';
import { VerificationMethod } from '../facts/facts';
import { FactLog, id } from '../testing/fact-log';
import { resolve } from '../testing/resolve';

const today = '2025-06-01';

describe('the controllers of an operator', () => {
  it('rank the attested payout holder above the attested phone subscriber above the declared owner', () => {
    const log = new FactLog();
    log.declare('shopee:a', { nationalId: '001000000003', personName: 'chu shop' }, { verification: 'vneid_level_2' });
    log.claim('shopee:a', 'payout_account', id('bankAccount', 'ACB:5'));
    log.claim('shopee:a', 'contact', id('phone', '+84933000001'));
    log.attest('bankAccount', 'ACB:5', { nationalId: '001000000001' });
    log.attest('phone', '+84933000001', { nationalId: '001000000002' });
    const graph = resolve(log, today);
    expect(rankControllers(graph, 'op:shopee:a').map((c) => [c.person.nationalId, c.confidence, c.attested, c.why[0].kind])).toEqual([
      ['001000000001', { level: 'high', value: 0.9 }, true, 'payoutHolder'],
      ['001000000002', { level: 'medium', value: 0.6 }, true, 'phoneSubscriber'],
      ['001000000003', { level: 'medium', value: 0.5 }, false, 'declaredOwner'],
    ]);
  });

  it('weigh declared owners by how they were verified', () => {
    const log = new FactLog();
    const methods: VerificationMethod[] = ['none', 'document_check', 'vneid_level_1', 'nfc_chip', 'vneid_level_2'];
    methods.forEach((verification, n) => {
      log.declare(`lazada:${n}`, { nationalId: `00100000010${n}` }, { verification });
      log.claim(`lazada:${n}`, 'contact', id('email', 'one@example.vn'));
    });
    const graph = resolve(log, today);
    expect(rankControllers(graph, 'op:lazada:0').map((c) => c.why[0].verification)).toEqual([...methods].reverse());
  });

  it('combine evidence about one person, and do not suspect a declared owner who holds the payout account', () => {
    const log = new FactLog();
    log.declare('tiki:a', { nationalId: '001000000009' }, { verification: 'vneid_level_2' });
    log.claim('tiki:a', 'payout_account', id('eWallet', 'MOMO:+84933000009'));
    log.attest('eWallet', 'MOMO:+84933000009', { nationalId: '001000000009', personName: 'ly van tam' });
    const profile = operatorOfShop(resolve(log, today), 'tiki:a')!;
    expect(profile.controllers).toHaveLength(1);
    expect(profile.controllers[0].person.name).toBe('ly van tam');
    expect(profile.controllers[0].through.map((reach) => [reach.kind, reach.value])).toEqual([
      ['payoutHolder', 0.9],
      ['declaredOwner', 0.5],
    ]);
    expect(profile.controllers[0].confidence).toEqual({ level: 'high', value: 0.9 });
    expect(profile.shops[0].nomineeSuspected).toBeNull();
  });
});

describe('the confidence of an operator', () => {
  it('is 1 for one shop, and the strength of the weakest join the shops cannot do without', () => {
    const log = new FactLog();
    log.claim('sendo:a', 'contact', id('phone', '+84944000001'));
    expect(confidenceOf(resolve(log, today), 'op:sendo:a')).toEqual({ level: 'high', value: 1, weakestJoin: null });

    log.claim('sendo:b', 'contact', id('phone', '+84944000001'));
    log.link('sendo:b', 'sendo:c', 'platform');
    const chained = confidenceOf(resolve(log, today), 'op:sendo:a');
    expect([chained.level, chained.value]).toEqual(['medium', 0.5]);
    expect(chained.weakestJoin?.basis).toBe('unattestedPhone');

    log.claim('sendo:a', 'payout_account', id('bankAccount', 'VIB:3'));
    log.claim('sendo:c', 'payout_account', id('bankAccount', 'VIB:3'));
    expect(confidenceOf(resolve(log, today), 'op:sendo:a').value).toBe(0.9);
  });
});
