/**
 * A seeded market of shops on five platforms, with the ground truth of who runs each one: the
 * examiner of the registry's answer to "who really runs this shop" (docs/quality.md).
 *
 * It is built from DOMAIN.md, not from the registry's rules, and it carries the traps a real seller
 * base has: identities rented to two or three unrelated operators (the nominee's own phone and email
 * on the KYC claim, the phone sometimes attested by its telecom), relatives lending their ID,
 * operators with 1 to 200 shops on several platforms with several payout accounts and e-wallets,
 * attested and not, numbers recycled from one subscriber to another, fulfilment depots, apartment
 * blocks, payment intermediaries' collection accounts and shippers' phones shared by many unrelated
 * operators, common names, and every identifier in the forms sources write it.
 *
 * One rule keeps the truth knowable from the data: a shop whose declared owner is not its operator is
 * always paid into an account or wallet whose holder a bank or wallet provider attests to be the
 * operator. Everything else is left to the registry to work out.
 */
import { Prng } from '../support/prng';
import {
  BankAccount,
  carrierOf,
  makeBankAccount,
  makeFixedLine,
  makeMobile,
  makeMst,
  WALLET_PROVIDERS,
  writeBankAccount,
  writeEmail,
  writeMst,
  writeNationalId,
  writePhone,
  writeWallet,
} from './identifiers';
import { makeAddress, makePerson, newRegisters, Person, Registers } from './people';

export const PLATFORMS = ['shopee', 'lazada', 'tiktok', 'tiki', 'sendo'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export interface MarketOptions {
  readonly seed: string;
  readonly operators: number;
  /** Prefix of every shop id (default `q`). */
  readonly shopPrefix?: string;
}

/** One claim as POST /platform/shops takes it. */
export interface ClaimBody {
  readonly claimId: string;
  readonly role: 'declared_owner' | 'legal_representative' | 'payout_account' | 'contact' | 'pickup_point' | 'return_address' | 'warehouse';
  readonly subject: Record<string, unknown>;
  readonly verification?: { readonly method: string; readonly verifiedAt?: string; readonly reference?: string };
  readonly validFrom?: string;
  readonly validTo?: string;
}

export interface ShopRegistration {
  readonly shopId: string;
  readonly displayName: string;
  readonly category: string;
  readonly claims: readonly ClaimBody[];
}

/** Who really runs the shop; never sent to the registry. */
export interface ShopTruth {
  readonly operator: number;
  readonly operatorNationalId: string;
  /** Whether the declared owner is someone other than the operator (a rented identity or a relative). */
  readonly nominee: boolean;
  readonly front: 'none' | 'relative' | 'rented';
}

export interface MarketShop {
  readonly platformId: PlatformId;
  readonly registration: ShopRegistration;
  readonly truth: ShopTruth;
}

/** One attestation as POST /partner/attestations takes it. */
export type Attestation = { readonly kind: string; readonly recordId: string } & Record<string, unknown>;

export interface Partner {
  readonly partnerId: string;
  readonly partnerKind: 'bank' | 'ewallet' | 'telecom' | 'carrier';
  readonly name: string;
  readonly attestations: Attestation[];
}

/** What the market holds of each trap, to show beside the scores. */
export interface MarketTraps {
  operators: number;
  shops: number;
  largestOperator: number;
  rentedIdentities: number;
  rentedFrontedShops: number;
  relativeFrontedShops: number;
  recycledPhones: number;
  depots: number;
  apartmentBlocks: number;
  collectionAccounts: number;
  shipperPhones: number;
}

export interface Market {
  readonly seed: string;
  readonly shops: readonly MarketShop[];
  readonly partners: readonly Partner[];
  readonly traps: MarketTraps;
}

// ---------------------------------------------------------------------------------------------
// Calendar: days from 2018-01-01, written as ISO dates

const EPOCH = Date.UTC(2018, 0, 1);
const DAY = 86_400_000;
const isoDate = (day: number) => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
const isoTime = (day: number, rng: Prng) => `${isoDate(day)}T${String(1 + rng.int(22)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}:00Z`;
/** 2026-10-31: the last day a shop opens (the market is read after it). */
const LAST_DAY = Math.round((Date.UTC(2026, 9, 31) - EPOCH) / DAY);
const FIRST_SHOP_DAY = Math.round((Date.UTC(2019, 0, 1) - EPOCH) / DAY);

// ---------------------------------------------------------------------------------------------
// Shapes of the market

/** Shops per operator, P(k) ∝ k^−2.1 over 1..200: most run one or two, a few run a hundred or more. */
const MAX_SHOPS = 200;
const SHOP_COUNT_CDF = (() => {
  const weights = Array.from({ length: MAX_SHOPS }, (_, i) => Math.pow(i + 1, -2.1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();
const SHOP_COUNTS = Array.from({ length: MAX_SHOPS }, (_, i) => i + 1);

const CATEGORIES = {
  cosmetics: 'Mỹ phẩm',
  fashion: 'Thời trang',
  electronics: 'Điện máy',
  home: 'Nhà cửa',
  food: 'Đặc sản',
  'mother-baby': 'Mẹ và bé',
  health: 'Sức khỏe',
};
const SHOP_SUFFIX = ['chính hãng', 'Store', 'Official', 'giá tốt', 'House', 'Mart', 'Shop', 'xưởng', 'nội địa'];
const KYC_METHODS = ['vneid_level_2', 'vneid_level_1', 'nfc_chip', 'document_check', 'none'];
const KYC_WEIGHTS = [60, 10, 15, 10, 5];
const CARRIERS_OF_GOODS = ['ghn', 'ghtk', 'viettelpost'];
/**
 * Operators a shared place, account or shipper serves at the least, whatever the size of the market:
 * in a market of a few thousand they serve a hundred or more; a small market keeps them that
 * abnormal (a share of its operators no single operator's identifier reaches).
 */
const HUB_OPERATORS = 40;

interface PhoneUse {
  readonly national: string;
  readonly from: number;
  readonly to: number | null;
}

type Instrument =
  | { readonly kind: 'bank'; readonly account: BankAccount; readonly attested: boolean }
  | { readonly kind: 'wallet'; readonly provider: string; readonly phone: string; readonly attested: boolean };

interface Hub {
  readonly name: string;
  readonly address: string;
  readonly phone?: string;
}

interface Intermediary {
  readonly name: string;
  readonly taxCode: string;
  readonly account: BankAccount;
}

interface Operator {
  readonly index: number;
  readonly person: Person;
  readonly shops: number;
  readonly platforms: readonly PlatformId[];
  readonly phones: readonly PhoneUse[];
  readonly email: string | null;
  readonly instruments: readonly Instrument[];
  readonly taxCode: string | null;
  readonly pickup: string;
  readonly category: keyof typeof CATEGORIES;
  readonly front: { readonly kind: 'relative' | 'rented'; readonly person: Person; readonly share: number } | null;
  readonly depot: Hub | null;
  readonly shipper: Person | null;
  readonly intermediary: Intermediary | null;
}

/** Builds the market; the same options give the same market, shop for shop and byte for byte. */
export function generateMarket(options: MarketOptions): Market {
  return new MarketBuilder(options).build();
}

class MarketBuilder {
  private readonly rng: Prng;
  private readonly registers: Registers = newRegisters();
  private readonly partners = new Map<string, Partner>();
  private readonly shops: MarketShop[] = [];
  private readonly shopIds = new Map<PlatformId, number>();
  private records = 0;
  private readonly depots: Hub[];
  private readonly blocks: Hub[];
  private readonly intermediaries: Intermediary[];
  private readonly shippers: Person[];
  /** Rented identities with room for another operator. */
  private readonly rentable: { person: Person; room: number }[] = [];
  /** Numbers an operator gave up, free again from a day: the telecom gives them to someone else. */
  private readonly released: { national: string; freeFrom: number }[] = [];
  private readonly traps: MarketTraps;

  constructor(private readonly options: MarketOptions) {
    this.rng = new Prng(`quality-market/${options.seed}`);
    const n = options.operators;
    const rng = this.rng;
    this.depots = Array.from({ length: Math.max(1, Math.round(n / 1000)) }, (_, i) => ({
      name: `Kho fulfilment ${i + 1}`,
      address: i % 2 === 0 ? `Kho số ${i + 1}, KCN Tân Tạo, Q.Bình Tân, TP.HCM` : `Kho số ${i + 1}, KCN Bắc Thăng Long, H.Đông Anh, Hà Nội`,
      phone: makeFixedLine(rng, i % 2 === 0 ? '028' : '024', this.registers.phones),
    }));
    this.blocks = Array.from({ length: Math.max(1, Math.round(n / 1500)) }, (_, i) => ({
      name: `Chung cư ${i + 1}`,
      address: rng.pick([
        `Tòa S${i + 1}, Chung cư Vinhomes Grand Park, P.Long Thạnh Mỹ, TP. Thủ Đức, TP.HCM`,
        `Tòa T${i + 1}, KĐT Times City, 458 Minh Khai, Q.Hai Bà Trưng, Hà Nội`,
      ]),
    }));
    this.intermediaries = Array.from({ length: Math.max(1, Math.round(n / 1500)) }, (_, i) => ({
      name: `Công ty CP Thanh toán Trung gian ${String.fromCharCode(65 + i)}`,
      taxCode: makeMst(rng, this.registers.taxCodes),
      account: makeBankAccount(rng, this.registers.accounts),
    }));
    this.shippers = Array.from({ length: Math.max(1, Math.round(n / 600)) }, () => makePerson(rng, this.registers));
    this.traps = {
      operators: n,
      shops: 0,
      largestOperator: 0,
      rentedIdentities: 0,
      rentedFrontedShops: 0,
      relativeFrontedShops: 0,
      recycledPhones: 0,
      depots: this.depots.length,
      apartmentBlocks: this.blocks.length,
      collectionAccounts: this.intermediaries.length,
      shipperPhones: this.shippers.length,
    };
  }

  build(): Market {
    for (const intermediary of this.intermediaries) {
      this.attestAccount(intermediary.account, { fullName: intermediary.name, taxCode: writeMst(intermediary.taxCode, this.rng) }, 0);
    }
    for (const shipper of this.shippers) this.attestPhone(shipper.phone, shipper, 0, null);
    for (let index = 0; index < this.options.operators; index++) this.addOperator(index);
    this.shuffle(this.shops);
    this.traps.shops = this.shops.length;
    return { seed: this.options.seed, shops: this.shops, partners: [...this.partners.values()], traps: this.traps };
  }

  // -------------------------------------------------------------------------------------------
  // Operators

  private addOperator(index: number): void {
    const rng = this.rng;
    const person = makePerson(rng, this.registers);
    // The first operator is always a big one, so that even a small market has an operator whose own
    // ID, account and phone stand on dozens of shops.
    const shops = index === 0 ? Math.min(MAX_SHOPS, Math.max(25, Math.round(this.options.operators * 0.07))) : rng.fromCdf(SHOP_COUNTS, SHOP_COUNT_CDF);
    this.traps.largestOperator = Math.max(this.traps.largestOperator, shops);
    const platformCount = shops === 1 ? 1 : shops < 10 ? 1 + rng.int(Math.min(PLATFORMS.length, shops)) : 2 + rng.int(PLATFORMS.length - 1);
    const platforms = this.shuffle([...PLATFORMS]).slice(0, platformCount);

    // Organised sellers with many shops hide behind others' identities more often than a one-shop seller.
    const frontKind = rng.weighted(['none', 'relative', 'rented'] as const, shops >= 10 ? [60, 12, 28] : [80, 8, 12]);
    const front =
      frontKind === 'none'
        ? null
        : {
            kind: frontKind,
            person: frontKind === 'rented' ? this.rentedIdentity() : this.relativeOf(person),
            share: rng.chance(0.6) ? 1 : 0.3 + rng.float() * 0.6,
          };

    const phones = this.phonesOf(person, shops);
    const instruments = this.instrumentsOf(person, shops, phones, front !== null);
    const usesBlock = rng.chance(this.hubShare(this.blocks, 0.1));
    const operator: Operator = {
      index,
      person,
      shops,
      platforms,
      phones,
      email: rng.chance(0.85) ? person.email : null,
      instruments,
      taxCode: shops >= 5 && rng.chance(0.5) ? makeMst(rng, this.registers.taxCodes) : null,
      pickup: usesBlock ? rng.pick(this.blocks).address : rng.chance(0.5) ? person.home : makeAddress(rng),
      category: rng.pick(Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[]),
      front,
      depot: rng.chance(this.hubShare(this.depots, 0.12)) ? rng.pick(this.depots) : null,
      shipper: rng.chance(this.hubShare(this.shippers, 0.15)) ? rng.pick(this.shippers) : null,
      intermediary: rng.chance(this.hubShare(this.intermediaries, 0.1)) ? rng.pick(this.intermediaries) : null,
    };
    for (let i = 0; i < shops; i++) this.addShop(operator, i);
  }

  /**
   * The share of operators that use one of `hubs`: `base`, or more in a small market, so that every
   * depot, block, collection account and shipper serves about HUB_OPERATORS unrelated operators
   * (a place four operators share looks like one operator's, and no rule could tell).
   */
  private hubShare(hubs: readonly unknown[], base: number): number {
    return Math.min(0.5, Math.max(base, (HUB_OPERATORS * hubs.length) / this.options.operators));
  }

  /** A rented identity with room for one more operator, or a new one rented to two or three. */
  private rentedIdentity(): Person {
    const rng = this.rng;
    const open = this.rentable.findIndex((r) => r.room > 0);
    if (open >= 0 && rng.chance(0.85)) {
      const rented = this.rentable[open];
      rented.room--;
      if (rented.room === 0) this.rentable.splice(open, 1);
      return rented.person;
    }
    // Young people short of money, or elderly people in the countryside, rent their identity out.
    const person = rng.chance(0.6)
      ? makePerson(rng, this.registers, { minYear: 1998, maxYear: 2006 })
      : makePerson(rng, this.registers, { minYear: 1945, maxYear: 1965 });
    this.traps.rentedIdentities++;
    this.rentable.push({ person, room: rng.chance(0.5) ? 1 : 2 });
    // The nominee's phone is their own; its telecom sometimes says so.
    if (rng.chance(0.5)) this.attestPhone(person.phone, person, FIRST_SHOP_DAY - 400 + rng.int(300), null);
    return person;
  }

  /** A parent, spouse or grown child: same family name, same home, their own ID. */
  private relativeOf(person: Person): Person {
    const rng = this.rng;
    const family = person.fullName.split(' ')[0];
    const relative = rng.chance(0.5)
      ? makePerson(rng, this.registers, { family, home: person.home, minYear: 1940, maxYear: 1965 })
      : makePerson(rng, this.registers, { family, home: person.home });
    if (rng.chance(0.3)) this.attestPhone(relative.phone, relative, FIRST_SHOP_DAY - 400, null);
    return relative;
  }

  /**
   * The numbers the operator uses and when. Some changed their number once: the old number then goes
   * back to the telecom and, half a year later, to another operator.
   */
  private phonesOf(person: Person, shops: number): PhoneUse[] {
    const rng = this.rng;
    const phones: PhoneUse[] = [];
    const recycled = this.released.length > 0 && this.released[0].freeFrom < LAST_DAY - 200 && rng.chance(0.3) ? this.released.shift()! : null;
    if (recycled) {
      this.traps.recycledPhones++;
      phones.push({ national: recycled.national, from: recycled.freeFrom, to: null });
    } else if (rng.chance(0.08)) {
      const old = makeMobile(rng, this.registers.phones);
      const changed = FIRST_SHOP_DAY + 200 + rng.int(900);
      phones.push({ national: old, from: FIRST_SHOP_DAY - 300, to: changed - 1 }, { national: person.phone, from: changed, to: null });
      this.released.push({ national: old, freeFrom: changed + 180 });
    } else {
      phones.push({ national: person.phone, from: FIRST_SHOP_DAY - 300, to: null });
    }
    if (shops >= 10) phones.push({ national: makeMobile(rng, this.registers.phones), from: FIRST_SHOP_DAY, to: null });
    for (const phone of phones) if (rng.chance(0.5)) this.attestPhone(phone.national, person, phone.from, phone.to);
    return phones;
  }

  /** Bank accounts and wallets, more for bigger operators; each attested by its bank or provider or not. */
  private instrumentsOf(person: Person, shops: number, phones: readonly PhoneUse[], fronts: boolean): Instrument[] {
    const rng = this.rng;
    const instruments: Instrument[] = [];
    const banks = 1 + Math.min(5, Math.floor(shops / 12)) + (rng.chance(0.3) ? 1 : 0);
    for (let i = 0; i < banks; i++) {
      const attested = (fronts && i === 0) || rng.chance(0.6);
      instruments.push({ kind: 'bank', account: makeBankAccount(rng, this.registers.accounts), attested });
    }
    const wallets = (rng.chance(0.35) ? 1 : 0) + (shops > 20 ? 1 : 0);
    // Wallets are keyed by the number the operator has now, never by one it gave up (which the telecom recycles).
    const current = phones[phones.length - 1].national;
    for (let i = 0; i < wallets; i++) {
      instruments.push({ kind: 'wallet', provider: WALLET_PROVIDERS[i % WALLET_PROVIDERS.length], phone: current, attested: rng.chance(0.5) });
    }
    for (const instrument of instruments) {
      if (!instrument.attested) continue;
      const holder = { fullName: person.fullName, nationalId: writeNationalId(person.nationalId, rng) };
      if (instrument.kind === 'bank') this.attestAccount(instrument.account, holder, FIRST_SHOP_DAY - rng.int(700));
      else
        this.attest('ewallet', instrument.provider.toLowerCase(), {
          kind: 'ewallet_holder',
          wallet: writeWallet(instrument.provider, instrument.phone, rng),
          holder,
          validFrom: isoDate(FIRST_SHOP_DAY - rng.int(300)),
        });
    }
    return instruments;
  }

  // -------------------------------------------------------------------------------------------
  // Shops

  private addShop(operator: Operator, i: number): void {
    const rng = this.rng;
    const platformId = operator.platforms[i % operator.platforms.length];
    const number = (this.shopIds.get(platformId) ?? 0) + 1;
    this.shopIds.set(platformId, number);
    const shopId = `${this.options.shopPrefix ?? 'q'}${number}`;
    // Not before the operator had its first number: a recycled number is never claimed for a day its previous subscriber held it.
    const firstDay = Math.max(FIRST_SHOP_DAY, operator.phones[0].from);
    const opened = firstDay + rng.int(LAST_DAY - firstDay);
    const fronted = operator.front !== null && (i === 0 || rng.float() < operator.front.share);
    const declared = fronted ? operator.front!.person : operator.person;
    if (fronted && operator.front!.kind === 'rented') this.traps.rentedFrontedShops++;
    if (fronted && operator.front!.kind === 'relative') this.traps.relativeFrontedShops++;

    const claims: ClaimBody[] = [
      this.ownerClaim(operator, declared, fronted, opened, `${platformId}-${shopId}`),
      ...this.payoutClaims(operator, fronted, opened),
      ...this.contactClaims(operator, fronted, opened),
      ...this.placeClaims(operator, opened),
    ];
    if (rng.chance(0.15)) this.attestPickup(operator, platformId, shopId, opened);

    this.shops.push({
      platformId,
      registration: {
        shopId,
        displayName: `${CATEGORIES[operator.category]} ${declared.fullName.split(' ').pop()} ${rng.pick(SHOP_SUFFIX)}`,
        category: operator.category,
        claims,
      },
      truth: {
        operator: operator.index,
        operatorNationalId: operator.person.nationalId,
        nominee: declared.nationalId !== operator.person.nationalId,
        front: fronted ? operator.front!.kind : 'none',
      },
    });
  }

  /** The KYC of the declared owner; a rented identity comes with its own phone and email. */
  private ownerClaim(operator: Operator, declared: Person, fronted: boolean, opened: number, reference: string): ClaimBody {
    const rng = this.rng;
    const method = rng.weighted(KYC_METHODS, KYC_WEIGHTS);
    const rented = fronted && operator.front!.kind === 'rented';
    const subject: Record<string, unknown> = {
      fullName: declared.fullName,
      nationalId: writeNationalId(declared.nationalId, rng),
      dateOfBirth: declared.dateOfBirth,
    };
    if (rented || rng.chance(0.4)) subject.phone = writePhone(declared.phone, rng);
    if (rented || rng.chance(0.3)) subject.email = writeEmail(declared.email, rng);
    if (!fronted && operator.taxCode && rng.chance(0.7)) {
      const branch = rng.chance(0.3) ? `-${String(1 + rng.int(3)).padStart(3, '0')}` : '';
      subject.taxCode = writeMst(`${operator.taxCode}${branch}`, rng);
    } else if (declared.nationalId.length === 12 && opened > LAST_DAY - 500 && rng.chance(0.3)) {
      // Since July 2025 individuals give their personal ID number as their tax code; some onboarding
      // forms keep it only as the tax code.
      subject.taxCode = declared.nationalId;
      if (rng.chance(0.3)) delete subject.nationalId;
    }
    return {
      claimId: 'owner',
      role: 'declared_owner',
      subject,
      verification: method === 'none' ? { method } : { method, verifiedAt: isoTime(opened, rng), reference: `kyc-${reference}` },
      validFrom: isoDate(opened),
    };
  }

  /** Where the money goes. A fronted shop is paid into an account attested to the operator (the rule that keeps the truth knowable). */
  private payoutClaims(operator: Operator, fronted: boolean, opened: number): ClaimBody[] {
    const rng = this.rng;
    const own = operator.instruments;
    const claims: ClaimBody[] = [];
    if (operator.intermediary && rng.chance(fronted ? 0.3 : 0.6)) {
      claims.push({
        claimId: 'payout-collection',
        role: 'payout_account',
        subject: { fullName: operator.intermediary.name, bankAccount: writeBankAccount(operator.intermediary.account, rng) },
        validFrom: isoDate(opened),
      });
      if (!fronted && rng.chance(0.5)) return claims;
    }
    const attested = own.filter((instrument) => instrument.attested);
    const primary = fronted ? rng.pick(attested) : rng.pick(own);
    claims.push(this.payoutClaim('payout', operator, primary, opened));
    if (own.length > 1 && rng.chance(0.25)) {
      const second = rng.pick(own.filter((instrument) => instrument !== primary));
      claims.push(this.payoutClaim('payout-2', operator, second, opened));
    }
    return claims;
  }

  private payoutClaim(claimId: string, operator: Operator, instrument: Instrument, opened: number): ClaimBody {
    const rng = this.rng;
    const holder = rng.chance(0.75) ? { fullName: operator.person.fullName } : {};
    const subject =
      instrument.kind === 'bank'
        ? { ...holder, bankAccount: writeBankAccount(instrument.account, rng) }
        : { ...holder, eWallet: writeWallet(instrument.provider, instrument.phone, rng) };
    return { claimId, role: 'payout_account', subject, validFrom: isoDate(opened) };
  }

  /** The phones customers and the platform call, each for the period the operator had it; a fronted shop sometimes has a number of its own. */
  private contactClaims(operator: Operator, fronted: boolean, opened: number): ClaimBody[] {
    const rng = this.rng;
    if ((fronted && rng.chance(0.4)) || rng.chance(0.05)) {
      const own = makeMobile(rng, this.registers.phones);
      return [{ claimId: 'contact', role: 'contact', subject: { phone: writePhone(own, rng) }, validFrom: isoDate(opened) }];
    }
    const claims: ClaimBody[] = [];
    for (const phone of operator.phones) {
      if (phone.to !== null && phone.to < opened) continue;
      const from = Math.max(opened, phone.from);
      const subject: Record<string, unknown> = { phone: writePhone(phone.national, rng) };
      if (operator.email && rng.chance(0.6)) subject.email = writeEmail(operator.email, rng);
      claims.push({
        claimId: `contact-${claims.length + 1}`,
        role: 'contact',
        subject,
        validFrom: isoDate(from),
        ...(phone.to !== null ? { validTo: isoDate(phone.to) } : {}),
      });
    }
    return claims;
  }

  /** Where goods are handed over and returned: the operator's own place or a shared block, a depot, a shipper. */
  private placeClaims(operator: Operator, opened: number): ClaimBody[] {
    const rng = this.rng;
    const validFrom = isoDate(opened);
    const current = operator.phones[operator.phones.length - 1].national;
    const claims: ClaimBody[] = [];
    const contact = operator.shipper
      ? { fullName: operator.shipper.fullName, phone: writePhone(operator.shipper.phone, rng) }
      : { phone: writePhone(current, rng) };
    claims.push({ claimId: 'pickup', role: 'pickup_point', subject: { address: operator.pickup, ...contact }, validFrom });
    if (operator.depot && rng.chance(0.85)) {
      claims.push({
        claimId: 'warehouse',
        role: 'warehouse',
        subject: { fullName: operator.depot.name, address: operator.depot.address, phone: writePhone(operator.depot.phone!, rng) },
        validFrom,
      });
    }
    if (rng.chance(0.3)) claims.push({ claimId: 'return', role: 'return_address', subject: { address: operator.person.home }, validFrom });
    return claims;
  }

  // -------------------------------------------------------------------------------------------
  // Attestations

  private attest(partnerKind: Partner['partnerKind'], name: string, body: Record<string, unknown> & { kind: string }): void {
    const partnerId = `${partnerKind}-${name}`;
    let partner = this.partners.get(partnerId);
    if (!partner) this.partners.set(partnerId, (partner = { partnerId, partnerKind, name: `${name} (quality market)`, attestations: [] }));
    partner.attestations.push({ ...body, recordId: `rec-${++this.records}` });
  }

  private attestAccount(account: BankAccount, holder: Record<string, unknown>, from: number): void {
    this.attest('bank', account.bankCode.toLowerCase(), {
      kind: 'bank_account_holder',
      account: writeBankAccount(account, this.rng),
      holder,
      validFrom: isoDate(from),
    });
  }

  private attestPhone(national: string, subscriber: Person, from: number, to: number | null): void {
    const rng = this.rng;
    this.attest('telecom', carrierOf(national), {
      kind: 'phone_subscriber',
      phone: writePhone(national, rng),
      subscriber: { fullName: subscriber.fullName, nationalId: writeNationalId(subscriber.nationalId, rng), dateOfBirth: subscriber.dateOfBirth },
      validFrom: isoDate(from),
      ...(to !== null ? { validTo: isoDate(to) } : {}),
    });
  }

  /** A carrier says who hands over the goods of a shop: the operator, or the shipper it uses. */
  private attestPickup(operator: Operator, platformId: PlatformId, shopId: string, opened: number): void {
    const rng = this.rng;
    const handler = operator.shipper ?? operator.person;
    const phone = operator.shipper ? operator.shipper.phone : operator.phones[operator.phones.length - 1].national;
    this.attest('carrier', rng.pick(CARRIERS_OF_GOODS), {
      kind: 'pickup_point',
      platformId,
      shopId,
      address: { address: operator.pickup },
      contact: { fullName: handler.fullName, phone: writePhone(phone, rng) },
      validFrom: isoDate(opened),
    });
  }

  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
