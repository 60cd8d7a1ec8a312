import { parseIdentifier, parseNationalId, parseTaxCode } from '@registry/shared-kernel';
import { Prng } from '../support/prng';
import { makeCccd, makeMst, mstCheckDigit } from './identifiers';
import { Attestation, generateMarket, Market, MarketShop } from './market';

const normal = (kind: 'nationalId' | 'phone' | 'bankAccount' | 'eWallet' | 'taxCode', raw: unknown): string => {
  const parsed = parseIdentifier(kind, raw);
  if (!parsed.ok) throw new Error(`invalid ${kind} ${JSON.stringify(raw)}: ${parsed.reason}`);
  return parsed.value.value;
};

const claimsOf = (shop: MarketShop, role: string) => shop.registration.claims.filter((c) => c.role === role);
/** The declared owner's ID number: the national ID, or the personal tax code that stands for it. */
const declaredId = (shop: MarketShop) => {
  const { subject } = claimsOf(shop, 'declared_owner')[0];
  return subject.nationalId === undefined ? normal('taxCode', subject.taxCode) : normal('nationalId', subject.nationalId);
};
const attestations = (market: Market, kind: string): Attestation[] => market.partners.flatMap((p) => p.attestations.filter((a) => a.kind === kind));

describe('the quality market generator', () => {
  const market = generateMarket({ seed: 'spec', operators: 400 });

  it('makes the same market from the same seed, and another from another seed', () => {
    expect(JSON.stringify(generateMarket({ seed: 'spec', operators: 400 }))).toBe(JSON.stringify(market));
    expect(generateMarket({ seed: 'other', operators: 400 }).shops[0]).not.toEqual(market.shops[0]);
  });

  it('records one national ID per operator, and a nominee exactly where the declared owner is someone else', () => {
    const idOf = new Map<number, string>();
    for (const shop of market.shops) {
      expect(idOf.get(shop.truth.operator) ?? shop.truth.operatorNationalId).toBe(shop.truth.operatorNationalId);
      idOf.set(shop.truth.operator, shop.truth.operatorNationalId);
      expect(shop.truth.nominee).toBe(declaredId(shop) !== shop.truth.operatorNationalId);
      expect(shop.truth.nominee).toBe(shop.truth.front !== 'none');
    }
    expect(idOf.size).toBe(400);
    expect(new Set(idOf.values()).size).toBe(400);
  });

  it('pays every shop fronted by a nominee into an account or wallet attested to its operator', () => {
    const holders = new Map<string, string[]>();
    for (const a of [...attestations(market, 'bank_account_holder'), ...attestations(market, 'ewallet_holder')]) {
      const instrument = a.account ? normal('bankAccount', a.account) : normal('eWallet', a.wallet);
      const holder = (a.holder as { nationalId?: string }).nationalId;
      if (holder) holders.set(instrument, [...(holders.get(instrument) ?? []), normal('nationalId', holder)]);
    }
    const fronted = market.shops.filter((shop) => shop.truth.nominee);
    expect(fronted.length).toBeGreaterThan(0);
    for (const shop of fronted) {
      const paidTo = claimsOf(shop, 'payout_account').map((c) =>
        c.subject.bankAccount ? normal('bankAccount', c.subject.bankAccount) : normal('eWallet', c.subject.eWallet),
      );
      expect(paidTo.some((instrument) => holders.get(instrument)?.includes(shop.truth.operatorNationalId))).toBe(true);
    }
  });

  it('writes every identifier in a form the registry accepts, in several forms each', () => {
    const written = { phone: new Set<string>(), bankAccount: new Set<string>(), taxCode: new Set<string>() };
    const check = (subject: Record<string, unknown>) => {
      for (const kind of ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet', 'address', 'personName'] as const) {
        const raw = subject[kind === 'personName' ? 'fullName' : kind];
        if (raw === undefined) continue;
        expect(parseIdentifier(kind, raw)).toMatchObject({ ok: true });
        if (kind === 'phone') written.phone.add(String(raw).replace(/\d/g, '9'));
        if (kind === 'bankAccount') written.bankAccount.add((raw as { accountNumber: string }).accountNumber.replace(/\d/g, '9'));
        if (kind === 'taxCode') written.taxCode.add(String(raw).replace(/\d/g, '9'));
      }
    };
    for (const shop of market.shops) for (const claim of shop.registration.claims) check(claim.subject);
    for (const a of market.partners.flatMap((p) => p.attestations)) {
      for (const field of ['holder', 'subscriber', 'address', 'contact'] as const) if (a[field]) check(a[field] as Record<string, unknown>);
      if (a.phone) check({ phone: a.phone });
      if (a.account) check({ bankAccount: a.account });
      if (a.wallet) check({ eWallet: a.wallet });
    }
    expect([...written.phone]).toEqual(
      expect.arrayContaining(['9999999999', '+99999999999', '99999999999', '9999 999 999', '9999.999.999', '(+99) 999 999 999']),
    );
    expect([...written.phone].some((shape) => /^9{11}$/.test(shape.replace(/ /g, '')) && !shape.startsWith('+'))).toBe(true);
    expect(written.bankAccount.size).toBeGreaterThanOrEqual(4);
    expect([...written.taxCode]).toEqual(expect.arrayContaining(['9999999999', '9999999999-999']));
  });

  it('declares some owners by their personal tax code alone, others by it beside the same national ID', () => {
    const owners = market.shops.map((shop) => claimsOf(shop, 'declared_owner')[0].subject);
    const personal = owners.filter((subject) => typeof subject.taxCode === 'string' && normal('taxCode', subject.taxCode).length === 12);
    const alone = personal.filter((subject) => subject.nationalId === undefined);
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.length).toBeLessThan(personal.length);
  });

  it('makes CCCD numbers whose century and sex digit matches the birth year, and MST numbers with a right check digit', () => {
    const rng = new Prng('formats');
    const taken = new Set<string>();
    for (const [year, female] of [
      [1958, false],
      [1990, true],
      [2003, false],
      [2005, true],
    ] as const) {
      const id = makeCccd(rng, year, female, taken);
      expect(parseNationalId(id)).toMatchObject({ ok: true, value: { scheme: 'CCCD', birthYear: year, sex: female ? 'female' : 'male' } });
    }
    for (let i = 0; i < 50; i++) expect(parseTaxCode(makeMst(rng, taken))).toMatchObject({ ok: true, value: { form: 'enterprise' } });
    // DOMAIN.md: 0100233488 and 0314409058 are valid, 0100233480 is not.
    expect(mstCheckDigit('010023348')).toBe(8);
    expect(mstCheckDigit('031440905')).toBe(8);
  });

  it('rents identities to two or three unrelated operators, with their own phone and email on the KYC claim', () => {
    const operatorsOf = new Map<string, Set<number>>();
    for (const shop of market.shops.filter((s) => s.truth.front === 'rented')) {
      const owner = claimsOf(shop, 'declared_owner')[0].subject;
      expect(owner.phone).toBeDefined();
      expect(owner.email).toBeDefined();
      operatorsOf.set(declaredId(shop), (operatorsOf.get(declaredId(shop)) ?? new Set()).add(shop.truth.operator));
    }
    const counts = [...operatorsOf.values()].map((operators) => operators.size);
    expect(Math.max(...counts)).toBe(3);
    expect(counts.filter((n) => n >= 2).length).toBeGreaterThan(counts.length / 2);
  });

  it('gives some numbers to two subscribers in turn, and shares depots, collection accounts and shipper phones among many operators', () => {
    const periods = new Map<string, { from: string; to?: string }[]>();
    for (const a of attestations(market, 'phone_subscriber')) {
      const phone = normal('phone', a.phone);
      periods.set(phone, [...(periods.get(phone) ?? []), { from: a.validFrom as string, to: a.validTo as string | undefined }]);
    }
    const recycled = [...periods.values()].filter((p) => p.length === 2);
    expect(recycled.length).toBeGreaterThan(0);
    for (const [first, second] of recycled.map((p) => [...p].sort((a, b) => a.from.localeCompare(b.from)))) expect(first.to! < second.from).toBe(true);

    const operatorsBy = new Map<string, Set<number>>();
    for (const shop of market.shops) {
      for (const claim of shop.registration.claims) {
        for (const kind of ['phone', 'bankAccount'] as const) {
          if (claim.subject[kind] === undefined) continue;
          const key = `${claim.role}/${normal(kind, claim.subject[kind])}`;
          operatorsBy.set(key, (operatorsBy.get(key) ?? new Set()).add(shop.truth.operator));
        }
      }
    }
    const shared = (prefix: string) => Math.max(...[...operatorsBy].filter(([key]) => key.startsWith(prefix)).map(([, operators]) => operators.size));
    expect(shared('warehouse/+842')).toBeGreaterThanOrEqual(10);
    expect(shared('payout_account/')).toBeGreaterThanOrEqual(10);
    expect(shared('pickup_point/')).toBeGreaterThanOrEqual(10);
  });

  it('gives operators 1 to 200 shops, heavy-tailed, the big ones on several platforms', () => {
    const big = generateMarket({ seed: 'tail', operators: 3000 });
    const shopsOf = new Map<number, MarketShop[]>();
    for (const shop of big.shops) shopsOf.set(shop.truth.operator, [...(shopsOf.get(shop.truth.operator) ?? []), shop]);
    const sizes = [...shopsOf.values()].map((shops) => shops.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(200);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThan(sizes.length / 2);
    expect(sizes.filter((n) => n > 20).length).toBeGreaterThan(20);
    for (const shops of [...shopsOf.values()].filter((s) => s.length > 20)) expect(new Set(shops.map((s) => s.platformId)).size).toBeGreaterThan(1);
  });
});
