import { operatorOfShop } from '../describe-operator';
import { personRole, personTies } from './person-roles';
import { FactLog, id } from '../testing/fact-log';
import { resolve } from '../testing/resolve';

const today = '2025-06-01';
const OPERATOR = 'nationalId:001079009999';
const RENTED = 'nationalId:001089000001';

/** A rented identity fronting shops of two operators; the first operator's money goes to an account the bank attests to its real operator. */
function rentedIdentityMarket() {
  const log = new FactLog();
  log.declare('shopee:x', { nationalId: '001089000001', personName: 'tran thi thue' }, { verification: 'document_check' });
  log.claim('shopee:x', 'payout_account', id('bankAccount', 'VCB:1001'));
  log.declare('lazada:x', { nationalId: '001079009999', personName: 'nguyen van an' });
  log.claim('lazada:x', 'payout_account', id('bankAccount', 'VCB:1001'));
  log.attest('bankAccount', 'VCB:1001', { nationalId: '001079009999', personName: 'nguyen van an' });
  log.declare('tiktok:y', { nationalId: '001089000001', personName: 'tran thi thue' }, { verification: 'document_check' });
  log.claim('tiktok:y', 'payout_account', id('bankAccount', 'ACB:2002'));
  return resolve(log, today);
}

const roleIn = (graph: ReturnType<typeof rentedIdentityMarket>, shop: string, person: string) => {
  const profile = operatorOfShop(graph, shop)!;
  return personRole(
    profile,
    person,
    profile.shops.flatMap((s) => personTies(graph, s.shop, person)),
  );
};

describe('a person among the operators they are tied to', () => {
  it('is the controller of the operator whose payout account the bank attests to them, tied to each shop paying into it', () => {
    const graph = rentedIdentityMarket();
    expect(personTies(graph, 'shopee:x', OPERATOR)).toEqual([
      expect.objectContaining({ how: 'attestedHolder', role: 'payout_account', identifier: id('bankAccount', 'VCB:1001') }),
    ]);
    const { role, person, evidence } = roleIn(graph, 'shopee:x', OPERATOR);
    expect(role).toBe('controller');
    expect(person).toMatchObject({ nationalId: '001079009999', name: 'nguyen van an' });
    expect(evidence.map((e) => e.kind)).toEqual(['payoutHolder', 'payoutHolder', 'declaredOwner']);
  });

  it('is a nominee where every shop they are declared for is suspected of being fronted, with who controls it instead', () => {
    const graph = rentedIdentityMarket();
    expect(personTies(graph, 'shopee:x', RENTED)).toEqual([expect.objectContaining({ how: 'stated', role: 'declared_owner' })]);
    const { role, evidence } = roleIn(graph, 'shopee:x', RENTED);
    expect(role).toBe('nominee');
    expect(evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'nomineeSuspected', shop: 'shopee:x', controlledBy: expect.objectContaining({ nationalId: '001079009999' }) }),
      ]),
    );
    expect(roleIn(graph, 'tiktok:y', RENTED).role).toBe('nominee');
  });

  it('is a declared owner where they are declared, not flagged, and someone else ranks first', () => {
    const log = new FactLog();
    log.declare('sendo:a', { nationalId: '001000000001' }, { verification: 'vneid_level_2' });
    log.declare('sendo:a', { nationalId: '001000000002' }, { verification: 'document_check', role: 'legal_representative' });
    const graph = resolve(log, today);
    expect(roleIn(graph, 'sendo:a', 'nationalId:001000000002').role).toBe('declaredOwner');
    expect(roleIn(graph, 'sendo:a', 'nationalId:001000000001').role).toBe('controller');
  });

  it('is tied to a recycled number only for the claims made while they held it', () => {
    const log = new FactLog();
    log.attest('phone', '+84912000001', { nationalId: '001000000011' }, { validFrom: '2019-01-01', validTo: '2022-12-31' });
    log.attest('phone', '+84912000001', { nationalId: '001000000012' }, { validFrom: '2023-03-01' });
    log.claim('shopee:old', 'contact', id('phone', '+84912000001'), { validFrom: '2020-06-01' });
    log.claim('shopee:new', 'contact', id('phone', '+84912000001'), { validFrom: '2024-02-01' });
    const then = resolve(log, '2022-06-01');
    expect(personTies(then, 'shopee:old', 'nationalId:001000000011').map((t) => t.how)).toEqual(['attestedSubscriber']);
    const graph = resolve(log, today);
    expect(personTies(graph, 'shopee:new', 'nationalId:001000000011')).toEqual([]);
    expect(personTies(graph, 'shopee:new', 'nationalId:001000000012').map((t) => t.how)).toEqual(['attestedSubscriber']);
    // The old claim never ended, so it stands across the change of subscriber: it is either's, and ties neither.
    expect([...personTies(graph, 'shopee:old', 'nationalId:001000000011'), ...personTies(graph, 'shopee:old', 'nationalId:001000000012')]).toEqual([]);
  });

  it('shows a tie the ranking does not weigh: an ID number stated in a contact claim', () => {
    const log = new FactLog();
    log.declare('tiki:a', { nationalId: '001000000021' });
    log.claim('tiki:a', 'contact', id('nationalId', '001000000022'));
    const graph = resolve(log, today);
    const { role, evidence } = roleIn(graph, 'tiki:a', 'nationalId:001000000022');
    expect(role).toBe('declaredOwner');
    expect(evidence).toEqual([expect.objectContaining({ kind: 'stated', role: 'contact', shop: 'tiki:a' })]);
  });
});
