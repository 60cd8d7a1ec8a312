import fc from 'fast-check';
import { clustersFromScratch, resolveAt } from './clusters-from-scratch';
import { AttestedKind, ClaimRole, IdentifierRef, PersonIdentity } from './facts';
import { OperatorClusters } from './operator-clusters';
import { DEFAULT_RESOLUTION_POLICY } from './resolution-policy';
import { ResolvedGraph } from './resolved-graph';
import { FactLog, FactOptions } from './testing/fact-log';

/**
 * Few shops and identifiers, so that random facts collide: shared keys, hubs above 3 shops, declared
 * identities over shops paid to different holders (nominees), phones attested to several subscribers.
 */
const policy = { ...DEFAULT_RESOLUTION_POLICY, hubThreshold: 3 };
const SHOPS = ['shopee:a', 'shopee:b', 'lazada:c', 'lazada:d', 'tiki:e', 'tiki:f', 'sendo:g', 'sendo:h'];
const ROLES: ClaimRole[] = ['declared_owner', 'legal_representative', 'payout_account', 'contact', 'pickup_point', 'return_address', 'warehouse'];
const ref = (kind: IdentifierRef['kind'], value: string) => ({ kind, value }) as const;
const DECLARED_IDS = [ref('nationalId', 'n1'), ref('nationalId', 'n2'), ref('taxCode', 't1')];
const MONEY = [ref('bankAccount', 'b1'), ref('bankAccount', 'b2'), ref('bankAccount', 'b3'), ref('eWallet', 'w1'), ref('eWallet', 'w2')];
const CONTACTS = [ref('email', 'e1'), ref('phone', 'p1'), ref('phone', 'p2'), ref('address', 'a1'), ref('personName', 'm1')];
const IDENTIFIERS: IdentifierRef[] = [...DECLARED_IDS, ...MONEY, ...CONTACTS];
const ATTESTED = [...MONEY, ref('phone', 'p1'), ref('phone', 'p2')] as { kind: AttestedKind; value: string }[];
const HOLDERS: PersonIdentity[] = [{ nationalId: 'n1' }, { nationalId: 'h1', personName: 'm1' }, { nationalId: 'h2' }, { taxCode: 't1' }, { personName: 'm2' }];
const DATES = ['2024-01-01', '2024-03-15', '2024-06-30', '2024-11-01', '2025-04-01'];
const START = '2024-01-01';

const shop = fc.constantFrom(...SHOPS);
const maybeDate = fc.option(fc.constantFrom(...DATES), { nil: null, freq: 2 });
const period = fc.tuple(maybeDate, maybeDate, fc.constantFrom(...DATES)).map(([a, b, recordedOn]): FactOptions => {
  const [validFrom, validTo] = a !== null && b !== null && b < a ? [b, a] : [a, b];
  return { validFrom, validTo, recordedOn };
});

type Step =
  | { readonly do: 'register'; readonly shop: string }
  | { readonly do: 'claim'; readonly shop: string; readonly role: ClaimRole; readonly identifier: IdentifierRef; readonly options: FactOptions }
  | { readonly do: 'attest'; readonly identifier: (typeof ATTESTED)[number]; readonly holder: PersonIdentity; readonly options: FactOptions }
  | { readonly do: 'pickup'; readonly shop: string; readonly address: string | null; readonly phone: string | null; readonly options: FactOptions }
  | { readonly do: 'link'; readonly a: string; readonly b: string; readonly enforcement: boolean; readonly options: FactOptions }
  | { readonly do: 'remove'; readonly pick: number }
  | { readonly do: 'advance'; readonly days: number };

const claim = (roles: ClaimRole[], identifiers: IdentifierRef[]) =>
  fc.record({ do: fc.constant('claim' as const), shop, role: fc.constantFrom(...roles), identifier: fc.constantFrom(...identifiers), options: period });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ do: fc.constant('register' as const), shop }) },
  { weight: 4, arbitrary: claim(['declared_owner', 'legal_representative'], DECLARED_IDS) },
  { weight: 4, arbitrary: claim(['payout_account'], MONEY) },
  { weight: 2, arbitrary: claim(['contact', 'pickup_point', 'return_address', 'warehouse'], CONTACTS) },
  { weight: 2, arbitrary: claim(ROLES, IDENTIFIERS) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('attest' as const), identifier: fc.constantFrom(...ATTESTED), holder: fc.constantFrom(...HOLDERS), options: period }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('pickup' as const),
      shop,
      address: fc.option(fc.constant('a1'), { nil: null }),
      phone: fc.option(fc.constantFrom('p1', 'p2'), { nil: null }),
      options: period,
    }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('link' as const), a: shop, b: shop, enforcement: fc.boolean(), options: period }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 200 }) }) },
);

function write(log: FactLog, date: string, next: Step): string {
  switch (next.do) {
    case 'register':
      log.register(next.shop);
      return date;
    case 'claim':
      log.claim(next.shop, next.role, next.identifier, next.options);
      return date;
    case 'attest':
      log.attest(next.identifier.kind, next.identifier.value, next.holder, next.options);
      return date;
    case 'pickup':
      log.pickup(next.shop, next.address, next.phone, next.options);
      return date;
    case 'link':
      log.link(next.a, next.b, next.enforcement ? 'enforcement' : 'platform', next.options);
      return date;
    case 'remove': {
      const standing = log.facts.filter((fact) => fact.removedAt === null);
      if (standing.length > 0) log.remove(standing[next.pick % standing.length]);
      return date;
    }
    case 'advance': {
      const later = new Date(Date.parse(`${date}T00:00:00Z`) + next.days * 86_400_000).toISOString().slice(0, 10);
      log.dateReached(later);
      return later;
    }
  }
}

/** Everything the resolution decides per shop: its operator, its control group, and per edge its join key, hub and nominee verdicts. */
const verdicts = (graph: ResolvedGraph) =>
  SHOPS.map((shop) => [
    shop,
    graph.operatorOf(shop) ?? null,
    SHOPS.filter((other) => graph.controlGroupOf(other) !== undefined && graph.controlGroupOf(other)?.id === graph.controlGroupOf(shop)?.id),
    graph.controlGroupOf(shop)?.hasMoney ?? null,
    graph
      .edgesOf(shop)
      .map((edge) => [edge.id, edge.joinKey, edge.joinKey !== null && graph.isHub(edge.joinKey), edge.joinKey !== null && graph.isNominee(edge.joinKey)])
      .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
  ]);

describe('operator clusters kept current fact by fact', () => {
  it('equal the clusters built from scratch by replay, after every add, removal and day', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        const log = new FactLog();
        const live = new OperatorClusters({ position: 0, date: START }, policy);
        let date = START;
        for (const next of steps) {
          const applied = log.changes.length;
          date = write(log, date, next);
          for (const change of log.changes.slice(applied)) live.apply(change);
          const asOf = { position: log.lastPosition, date };
          expect(live.clusters()).toEqual(clustersFromScratch(log.facts, asOf, policy));
          expect(verdicts(live.graph)).toEqual(verdicts(resolveAt(log.facts, asOf, policy)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
