import { Market, MarketShop } from './market';
import { qualityReport } from './quality-report';
import { scoreControllers, scoreFlags, scorePairs, unionByKeys } from './score';

describe('scorePairs', () => {
  it('counts right, joined and true pairs from the groups, and the share of joined pairs that are false', () => {
    // Operators a (shops 0, 1) and b (2, 3); the answer puts 0, 1, 2 together and 3 alone.
    const score = scorePairs(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y']);
    expect(score).toMatchObject({ truePairs: 2, joinedPairs: 3, rightPairs: 1 });
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.f1).toBeCloseTo(0.4);
    expect(score.falseJoins).toBeCloseTo(2 / 3);
  });

  it('scores the truth itself as perfect, whatever the labels are called', () => {
    expect(scorePairs([1, 1, 2, 3, 3, 3], ['p', 'p', 'q', 'r', 'r', 'r'])).toMatchObject({ precision: 1, recall: 1, f1: 1, falseJoins: 0 });
  });

  it('gives precision 1 and recall 0 to an answer that joins nothing', () => {
    expect(scorePairs(['a', 'a', 'a'], [1, 2, 3])).toMatchObject({ joinedPairs: 0, precision: 1, recall: 0, f1: 0, falseJoins: 0 });
  });

  it('gives recall 1 and precision 0 to an answer that joins everything when no two shops share an operator', () => {
    expect(scorePairs(['a', 'b', 'c'], [1, 1, 1])).toMatchObject({ truePairs: 0, precision: 0, recall: 1, falseJoins: 1 });
  });

  it('refuses labels and answers of different lengths', () => {
    expect(() => scorePairs(['a'], [])).toThrow('1 true labels for 0 answers');
  });
});

describe('scoreControllers', () => {
  it('is the share of shops whose answered controller is the true operator; no answer is wrong', () => {
    expect(
      scoreControllers([
        { truth: '001089012345', answered: '001089012345' },
        { truth: '001089012345', answered: '079190000001' },
        { truth: '1', answered: null },
        { truth: '2', answered: '2' },
      ]),
    ).toBe(0.5);
  });
});

describe('scoreFlags', () => {
  it('gives precision over the flagged shops and recall over the shops that should be flagged', () => {
    const score = scoreFlags([
      { truth: true, flagged: true },
      { truth: true, flagged: false },
      { truth: false, flagged: true },
      { truth: false, flagged: false },
      { truth: true, flagged: true },
    ]);
    expect(score).toMatchObject({ truePositives: 2, flagged: 3, positives: 3 });
    expect(score.precision).toBeCloseTo(2 / 3);
    expect(score.recall).toBeCloseTo(2 / 3);
  });

  it('scores no flag as precision 0 when there were nominees to find, and as perfect when there were none', () => {
    expect(scoreFlags([{ truth: true, flagged: false }])).toMatchObject({ precision: 0, recall: 0 });
    expect(scoreFlags([{ truth: false, flagged: false }])).toMatchObject({ precision: 1, recall: 1 });
  });
});

describe('unionByKeys', () => {
  it('groups items that share a key, through chains of keys, and leaves items without keys alone', () => {
    expect(unionByKeys([['a'], ['b'], ['c'], ['b', 'c'], [], ['a']])).toEqual([0, 1, 1, 1, 4, 0]);
  });
});

describe('qualityReport', () => {
  const shop = (shopId: string, operator: number, claims: MarketShop['registration']['claims'], nominee = false): MarketShop => ({
    platformId: 'shopee',
    registration: { shopId, displayName: shopId, category: 'food', claims },
    truth: { operator, operatorNationalId: `00108900000${operator}`, nominee, front: nominee ? 'rented' : 'none' },
  });
  const owner = (nationalId: string, phone?: string) => ({
    claimId: 'owner',
    role: 'declared_owner' as const,
    subject: { nationalId, ...(phone ? { phone } : {}) },
  });
  // s1 and s2 are operator 1's (one ID written two ways); s3 is operator 2's shop, fronted by the
  // identity of s1 with its own phone; s4 is operator 2's, sharing only a depot phone with s1.
  const market: Market = {
    seed: 'hand-made',
    partners: [],
    traps: {} as Market['traps'],
    shops: [
      shop('s1', 1, [owner('001089000001', '0912345678'), { claimId: 'depot', role: 'warehouse', subject: { phone: '028 3825 1234' } }]),
      shop('s2', 1, [owner('001 089 000 001')]),
      shop('s3', 2, [owner('001089000001', '+84 912 345 678')], true),
      shop('s4', 2, [owner('001089000002'), { claimId: 'depot', role: 'warehouse', subject: { phone: '02838251234' } }]),
    ],
  };

  it('scores the naive resolvers from the claims, identifiers compared in normal form', () => {
    const report = qualityReport(market, new Map());
    // Declared IDs join s1, s2, s3: right (s1, s2), wrong (s1, s3), (s2, s3); s3 and s4 are missed.
    expect(report.declaredIdsOnly).toMatchObject({ truePairs: 2, joinedPairs: 3, rightPairs: 1 });
    // Every identifier also joins s4 through the depot's phone: all six pairs.
    expect(report.everyIdentifier).toMatchObject({ joinedPairs: 6, rightPairs: 2, recall: 1 });
  });

  it('scores the answers by shop key, a shop without an answer as a group of its own', () => {
    const answer = (operatorId: string, controllerNationalId: string | null, nomineeSuspected = false) => ({
      operatorId,
      controllerNationalId,
      nomineeSuspected,
    });
    const answers = new Map([
      ['shopee:s1', answer('op:1', '001089000001')],
      ['shopee:s2', answer('op:1', '001089000001')],
      ['shopee:s3', answer('op:2', '001089000002', true)],
    ]);
    const report = qualityReport(market, answers);
    expect(report.unanswered).toBe(1);
    expect(report.registry).toMatchObject({ joinedPairs: 1, rightPairs: 1, precision: 1, recall: 0.5 });
    expect(report.controllerRight).toBe(0.75);
    expect(report.nominees).toMatchObject({ precision: 1, recall: 1 });
  });
});
