import fc from 'fast-check';
import { AttestedKind, ClaimRole, IdentifierRef, PersonIdentity } from '../facts/facts';
import { DEFAULT_RESOLUTION_POLICY } from '../resolution-policy';
import { FactLog, FactOptions } from './fact-log';

/**
 * Few shops and identifiers, so that random facts collide: shared keys, hubs above 2 unrelated
 * groups, declared identities with their own phones and emails over shops paid to different holders
 * (nominees) or to themselves, payout claims naming their holder, phones attested to several
 * subscribers.
 */
export const policy = { ...DEFAULT_RESOLUTION_POLICY, hubThreshold: 2, hubSample: 5 };
export const SHOPS = ['shopee:a', 'shopee:b', 'lazada:c', 'lazada:d', 'tiki:e', 'tiki:f', 'sendo:g', 'sendo:h', 'tiktok:i', 'tiktok:j'];
const ROLES: ClaimRole[] = ['declared_owner', 'legal_representative', 'payout_account', 'contact', 'pickup_point', 'return_address', 'warehouse'];
const ref = (kind: IdentifierRef['kind'], value: string) => ({ kind, value }) as const;
const DECLARED_IDS = [ref('nationalId', 'n1'), ref('nationalId', 'n2'), ref('taxCode', 't1')];
const MONEY = [ref('bankAccount', 'b1'), ref('bankAccount', 'b2'), ref('bankAccount', 'b3'), ref('eWallet', 'w1'), ref('eWallet', 'w2')];
const CONTACTS = [ref('email', 'e1'), ref('phone', 'p1'), ref('phone', 'p2'), ref('address', 'a1'), ref('personName', 'm1')];
const IDENTIFIERS: IdentifierRef[] = [...DECLARED_IDS, ...MONEY, ...CONTACTS];
const ATTESTED = [...MONEY, ref('phone', 'p1'), ref('phone', 'p2')] as { kind: AttestedKind; value: string }[];
const HOLDERS: PersonIdentity[] = [{ nationalId: 'n1' }, { nationalId: 'h1', personName: 'm1' }, { nationalId: 'h2' }, { taxCode: 't1' }, { personName: 'm2' }];
/** Persons as a KYC claim gives them: a rented identity's own phone and email come with its ID. */
const DECLARED_PERSONS: IdentifierRef[][] = [
  [ref('nationalId', 'n1'), ref('personName', 'm1'), ref('phone', 'p1'), ref('email', 'e1')],
  [ref('nationalId', 'n2'), ref('phone', 'p2')],
  [ref('taxCode', 't1'), ref('personName', 'm2'), ref('email', 'e1')],
  [ref('nationalId', 'h1'), ref('personName', 'm1')],
];
/** A payout claim names its holder: by name, sometimes with an ID number. */
const PAYOUT_HOLDERS: IdentifierRef[][] = [
  [ref('personName', 'm1')],
  [ref('personName', 'm2')],
  [ref('nationalId', 'n1'), ref('personName', 'm1')],
  [ref('nationalId', 'h2')],
];
const DATES = ['2024-01-01', '2024-03-15', '2024-06-30', '2024-11-01', '2025-04-01'];
export const START = '2024-01-01';

const shop = fc.constantFrom(...SHOPS);
const maybeDate = fc.option(fc.constantFrom(...DATES), { nil: null, freq: 2 });
const period = fc.tuple(maybeDate, maybeDate, fc.constantFrom(...DATES)).map(([a, b, recordedOn]): FactOptions => {
  const [validFrom, validTo] = a !== null && b !== null && b < a ? [b, a] : [a, b];
  return { validFrom, validTo, recordedOn };
});

export type Step =
  | { readonly do: 'register'; readonly shop: string }
  | { readonly do: 'claim'; readonly shop: string; readonly role: ClaimRole; readonly identifier: IdentifierRef; readonly options: FactOptions }
  | { readonly do: 'kyc'; readonly shop: string; readonly role: ClaimRole; readonly person: number; readonly options: FactOptions }
  | { readonly do: 'payout'; readonly shop: string; readonly account: IdentifierRef; readonly holder: number; readonly options: FactOptions }
  | { readonly do: 'attest'; readonly identifier: (typeof ATTESTED)[number]; readonly holder: PersonIdentity; readonly options: FactOptions }
  | { readonly do: 'pickup'; readonly shop: string; readonly address: string | null; readonly phone: string | null; readonly options: FactOptions }
  | { readonly do: 'link'; readonly a: string; readonly b: string; readonly enforcement: boolean; readonly options: FactOptions }
  | { readonly do: 'remove'; readonly pick: number }
  | { readonly do: 'advance'; readonly days: number };

const claim = (roles: ClaimRole[], identifiers: IdentifierRef[]) =>
  fc.record({ do: fc.constant('claim' as const), shop, role: fc.constantFrom(...roles), identifier: fc.constantFrom(...identifiers), options: period });

export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ do: fc.constant('register' as const), shop }) },
  { weight: 4, arbitrary: claim(['declared_owner', 'legal_representative'], DECLARED_IDS) },
  { weight: 4, arbitrary: claim(['payout_account'], MONEY) },
  {
    weight: 3,
    arbitrary: fc.record({
      do: fc.constant('kyc' as const),
      shop,
      role: fc.constantFrom<ClaimRole>('declared_owner', 'legal_representative'),
      person: fc.nat(DECLARED_PERSONS.length - 1),
      options: period,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('payout' as const),
      shop,
      account: fc.constantFrom(...MONEY),
      holder: fc.nat(PAYOUT_HOLDERS.length - 1),
      options: period,
    }),
  },
  { weight: 2, arbitrary: claim(['contact', 'pickup_point', 'return_address', 'warehouse'], CONTACTS) },
  { weight: 2, arbitrary: claim(ROLES, IDENTIFIERS) },
  {
    weight: 3,
    arbitrary: fc.record({
      do: fc.constant('attest' as const),
      identifier: fc.constantFrom(...ATTESTED),
      holder: fc.constantFrom(...HOLDERS),
      options: period,
    }),
  },
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

export function write(log: FactLog, date: string, next: Step): string {
  switch (next.do) {
    case 'register':
      log.register(next.shop);
      return date;
    case 'claim':
      log.claim(next.shop, next.role, next.identifier, next.options);
      return date;
    case 'kyc': {
      const claimId = `kyc-${log.lastPosition + 1}`;
      for (const identifier of DECLARED_PERSONS[next.person])
        log.claim(next.shop, next.role, identifier, { verification: 'vneid_level_2', ...next.options, claimId });
      return date;
    }
    case 'payout': {
      const claimId = `payout-${log.lastPosition + 1}`;
      for (const identifier of [next.account, ...PAYOUT_HOLDERS[next.holder]]) log.claim(next.shop, 'payout_account', identifier, { ...next.options, claimId });
      return date;
    }
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
      return new Date(Date.parse(`${date}T00:00:00Z`) + next.days * 86_400_000).toISOString().slice(0, 10);
    }
  }
}
