import { resolveAt } from './clusters-from-scratch';
import { clustersOf } from './resolved-graph';
import { FactLog, id } from './testing/fact-log';
import { replay, resolveBothWays } from './testing/resolve-both-ways';

const today = '2025-06-01';

describe('a retracted claim that splits an operator', () => {
  const log = new FactLog();
  ['shopee:a', 'lazada:b', 'tiki:c'].forEach((shop) => log.register(shop));
  const emailOfA = log.claim('shopee:a', 'contact', id('email', 'ban.hang@example.vn'));
  log.claim('lazada:b', 'contact', id('email', 'ban.hang@example.vn'));
  const accountOfB = log.claim('lazada:b', 'payout_account', id('bankAccount', 'TCB:19033'));
  log.claim('tiki:c', 'payout_account', id('bankAccount', 'TCB:19033'));
  const beforeRetraction = log.lastPosition;

  it('holds the three shops together while the claims stand', () => {
    expect(clustersOf(resolveBothWays(log, today))).toEqual([{ operatorId: 'op:shopee:a', shops: ['shopee:a', 'lazada:b', 'tiki:c'] }]);
  });

  it('splits when the account claim is retracted; the id stays with the founding shop', () => {
    log.remove(accountOfB);
    expect(clustersOf(resolveBothWays(log, today))).toEqual([
      { operatorId: 'op:shopee:a', shops: ['shopee:a', 'lazada:b'] },
      { operatorId: 'op:tiki:c', shops: ['tiki:c'] },
    ]);
  });

  it('still answers as the registry knew it before the retraction', () => {
    expect(clustersOf(resolveAt(log.facts, log.asOf(today, beforeRetraction)))).toHaveLength(1);
  });

  it('gives the part without the founding shop the id of its own first shop', () => {
    log.claim('lazada:b', 'payout_account', id('bankAccount', 'TCB:19033'));
    log.remove(emailOfA);
    expect(clustersOf(resolveBothWays(log, today))).toEqual([
      { operatorId: 'op:lazada:b', shops: ['lazada:b', 'tiki:c'] },
      { operatorId: 'op:shopee:a', shops: ['shopee:a'] },
    ]);
  });
});

describe('a link withdrawn, and a link whose period ends', () => {
  const log = new FactLog();
  const withdrawn = log.link('shopee:a', 'shopee:b', 'platform');
  log.link('shopee:b', 'sendo:c', 'enforcement', { validTo: '2025-03-31' });
  log.claim('sendo:d', 'payout_account', id('eWallet', 'ZALOPAY:+84987000111'), { validFrom: '2025-05-01' });
  log.claim('sendo:c', 'payout_account', id('eWallet', 'ZALOPAY:+84987000111'));

  it('splits on the day after the period ends, and joins on the day a period starts', () => {
    const live = replay(log, '2025-03-01');
    const shopsOn = (date: string) => {
      live.advanceTo(date);
      expect(live.clusters()).toEqual(clustersOf(resolveAt(log.facts, { position: log.lastPosition, date })));
      return live.clusters().map((c) => c.shops);
    };
    expect(shopsOn('2025-03-31')).toEqual([['sendo:d'], ['shopee:a', 'shopee:b', 'sendo:c']]);
    expect(shopsOn('2025-04-01')).toEqual([['sendo:c'], ['sendo:d'], ['shopee:a', 'shopee:b']]);
    expect(shopsOn('2025-05-01')).toEqual([['sendo:c', 'sendo:d'], ['shopee:a', 'shopee:b']]);
  });

  it('splits when a link is withdrawn', () => {
    log.remove(withdrawn);
    expect(clustersOf(resolveBothWays(log, '2025-03-15')).map((c) => c.shops)).toEqual([['sendo:d'], ['shopee:a'], ['shopee:b', 'sendo:c']]);
  });

  it('refuses to move the date backwards', () => {
    const live = replay(log, '2025-03-01');
    expect(() => live.advanceTo('2025-02-01')).toThrow(/forward only/);
  });
});
