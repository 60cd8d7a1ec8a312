import { resolveAt } from './clusters-from-scratch';
import { FactLog, id } from '../testing/fact-log';
import { clustersOf, resolve } from '../testing/resolve';

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
    expect(clustersOf(resolve(log, today))).toEqual([{ operatorId: 'op:shopee:a', shops: ['shopee:a', 'lazada:b', 'tiki:c'] }]);
  });

  it('splits when the account claim is retracted; the id stays with the founding shop', () => {
    log.remove(accountOfB);
    expect(clustersOf(resolve(log, today))).toEqual([
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
    expect(clustersOf(resolve(log, today))).toEqual([
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
    const shopsOn = (date: string) => clustersOf(resolve(log, date)).map((c) => c.shops);
    expect(shopsOn('2025-03-31')).toEqual([['sendo:d'], ['shopee:a', 'shopee:b', 'sendo:c']]);
    expect(shopsOn('2025-04-01')).toEqual([['sendo:c'], ['sendo:d'], ['shopee:a', 'shopee:b']]);
    expect(shopsOn('2025-05-01')).toEqual([
      ['sendo:c', 'sendo:d'],
      ['shopee:a', 'shopee:b'],
    ]);
  });

  it('splits when a link is withdrawn', () => {
    log.remove(withdrawn);
    expect(clustersOf(resolve(log, '2025-03-15')).map((c) => c.shops)).toEqual([['sendo:d'], ['shopee:a'], ['shopee:b', 'sendo:c']]);
  });
});
