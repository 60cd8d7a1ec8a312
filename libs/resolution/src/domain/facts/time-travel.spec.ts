import { resolveAt } from '../joins/clusters-from-scratch';
import { describeOperator } from '../describe-operator';
import { howFormed } from '../explain/how-formed';
import { FactLog, id } from '../testing/fact-log';
import { why } from '../explain/why';

const today = '2025-06-01';

describe('an asOf read before and after a merge', () => {
  const log = new FactLog();
  log.register('shopee:a');
  log.register('lazada:b');
  log.register('tiki:c');
  const payoutOfA = log.claim('shopee:a', 'payout_account', id('bankAccount', 'VCB:777'));
  const beforeMerge = log.lastPosition;
  const payoutOfB = log.claim('lazada:b', 'payout_account', id('bankAccount', 'VCB:777'));
  const link = log.link('lazada:b', 'tiki:c', 'enforcement');

  it('answers with two operators before the joining claim, one after, and says which position it reflects', () => {
    const before = resolveAt(log.facts, log.asOf(today, beforeMerge));
    const after = resolveAt(log.facts, log.asOf(today));
    expect(before.operatorOf('lazada:b')).toBe('op:lazada:b');
    expect(after.operatorOf('lazada:b')).toBe('op:shopee:a');
    expect(describeOperator(before, 'op:shopee:a')!.asOf).toEqual({ position: beforeMerge, date: today });
    expect(why(before, 'shopee:a', 'lazada:b')).toMatchObject({ joined: false, reasons: [{ kind: 'nothingShared' }] });
  });

  it('tells how the operator formed: each merge, its position and the facts that closed it', () => {
    const merges = howFormed(resolveAt(log.facts, log.asOf(today)), 'op:shopee:a');
    expect(merges.map((m) => [m.position, m.joinKey, m.edge.fact.factId, m.counterpart.fact.factId, m.joined])).toEqual([
      [payoutOfB.addedAt, 'bankAccount:VCB:777', payoutOfB.factId, payoutOfA.factId, [['lazada:b'], ['shopee:a']]],
      [link.addedAt, `link:${link.factId}`, link.factId, link.factId, [['tiki:c'], ['shopee:a', 'lazada:b']]],
    ]);
  });

  it('gives the chain between two shops with the claims behind each link', () => {
    const answer = why(resolveAt(log.facts, log.asOf(today)), 'shopee:a', 'tiki:c');
    expect(answer.joined && answer.chain.map((step) => [step.from, step.joinKey, step.fromEdge.fact.factId, step.toEdge.fact.factId, step.to])).toEqual([
      ['shopee:a', 'bankAccount:VCB:777', payoutOfA.factId, payoutOfB.factId, 'lazada:b'],
      ['lazada:b', `link:${link.factId}`, link.factId, link.factId, 'tiki:c'],
    ]);
  });

  it('reads a claim valid from a later date only from that date', () => {
    const later = new FactLog();
    later.claim('shopee:x', 'contact', id('email', 'x@example.vn'));
    later.claim('shopee:y', 'contact', id('email', 'x@example.vn'), { validFrom: '2025-07-01' });
    expect(resolveAt(later.facts, later.asOf('2025-06-30')).operatorOf('shopee:y')).toBe('op:shopee:y');
    expect(resolveAt(later.facts, later.asOf('2025-07-01')).operatorOf('shopee:y')).toBe('op:shopee:x');
  });
});
