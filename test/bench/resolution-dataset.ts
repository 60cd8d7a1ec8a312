import { BANKS as BANK_SHAPES, writePhone } from '../quality/identifiers';
import { Prng } from '../support/prng';

/**
 * A deterministic data set of shops with identity claims, for `npm run bench:resolution`.
 *
 * Shaped like a real seller base rather than like uniform noise:
 *   - operators own 1 to 8 shops (skewed: most own one or two), spread over three platforms;
 *   - the shops of one operator share what ties them in practice: the owner's national ID, a payout
 *     account, a contact phone, or all of them, and their pickup points / warehouses;
 *   - nominees: one rented national ID declared as owner of shops of unrelated operators;
 *   - hub depots: a fulfilment warehouse (address and fixed-line phone) stated by 500+ unrelated shops;
 *   - Vietnamese full names drawn from skewed distributions, so common names repeat thousands of times.
 * Identifiers are valid as the API parses them (libs/shared-kernel/src/identifiers): 12-digit CCCD with a
 * province code 001–096 and a century/sex digit matching the birth year, 10-digit mobile numbers on
 * current prefixes (written in the several ways sources write them), 11-digit 02x fixed lines, bank
 * accounts of 6 to 19 digits. Every person, phone and account is unique unless shared on purpose.
 *
 * The same seed and options give the same shops in the same order: a loaded data set can be found again
 * (samples of shops and identifiers) by generating it once more without sending it.
 */

function zipf(count: number, s: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Family names with roughly their share among Vietnamese (Nguyễn ~38 %). */
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lâm',
  'Mai',
];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 5, 4.5, 3.9, 3.5, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 0.6, 0.6, 0.5, 0.5];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Hoàng'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Phương', 'Hồng', 'Mai', 'Bảo'];
const GIVEN_MALE = [
  'Hùng',
  'Dũng',
  'Nam',
  'Tuấn',
  'Minh',
  'Hải',
  'Long',
  'Sơn',
  'Thắng',
  'Quang',
  'Cường',
  'Phúc',
  'Trung',
  'Hiếu',
  'Khoa',
  'Duy',
  'Tâm',
  'Bình',
  'An',
  'Đạt',
  'Huy',
  'Thành',
  'Vinh',
  'Lộc',
  'Tài',
  'Kiên',
  'Phong',
  'Toàn',
  'Hòa',
  'Khánh',
];
const GIVEN_FEMALE = [
  'Hương',
  'Lan',
  'Linh',
  'Hoa',
  'Trang',
  'Thảo',
  'Mai',
  'Ngọc',
  'Hằng',
  'Nhung',
  'Hà',
  'Yến',
  'Anh',
  'Vy',
  'Thủy',
  'Oanh',
  'Duyên',
  'Quỳnh',
  'Nga',
  'Loan',
  'Diệp',
  'Tuyết',
  'Châu',
  'My',
  'Nhi',
  'Phương',
  'Dung',
  'Hạnh',
  'Giang',
  'Xuân',
];
const MIDDLE_CDF = zipf(10, 1.3);
const GIVEN_CDF = zipf(30, 0.9);

/** Current 10-digit mobile prefixes (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile, Reddi). */
const MOBILE_PREFIXES = [
  '086',
  '096',
  '097',
  '098',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '088',
  '091',
  '094',
  '081',
  '082',
  '083',
  '084',
  '085',
  '089',
  '090',
  '093',
  '070',
  '076',
  '077',
  '078',
  '079',
  '092',
  '056',
  '058',
  '059',
  '099',
  '055',
];
const BANKS = ['VCB', 'BIDV', 'CTG', 'TCB', 'MB', 'ACB', 'VPB', 'STB', 'TPB', 'VIB', 'SHB', 'HDB', 'OCB', '970422', '970436'];
/** Account numbers look like each bank's (the quality market's table), and a few banks more by their NAPAS code. */
const ACCOUNT_SHAPES: Record<string, readonly [string, number]> = {
  ...BANK_SHAPES,
  OCB: ['00', 13],
  '970422': ['9', 12],
  '970436': ['007', 13],
};
const EMAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com.vn', 'outlook.com', 'icloud.com'];

const STREETS = [
  'Lê Lợi',
  'Nguyễn Huệ',
  'Trần Hưng Đạo',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Điện Biên Phủ',
  'Cách Mạng Tháng Tám',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Lạc Long Quân',
  'Âu Cơ',
  'Quang Trung',
  'Hoàng Văn Thụ',
  'Võ Văn Tần',
  'Nguyễn Thị Minh Khai',
  'Kim Mã',
  'Giải Phóng',
  'Cầu Giấy',
  'Xuân Thủy',
  'Tôn Đức Thắng',
];
const CITIES: { name: string; districts: string[]; wards: number }[] = [
  { name: 'TP.HCM', districts: ['1', '3', '5', '10', 'Bình Thạnh', 'Tân Bình', 'Gò Vấp', 'Phú Nhuận', '7', 'Thủ Đức'], wards: 20 },
  {
    name: 'Hà Nội',
    districts: ['Hoàn Kiếm', 'Ba Đình', 'Đống Đa', 'Cầu Giấy', 'Thanh Xuân', 'Hai Bà Trưng', 'Hoàng Mai', 'Long Biên', 'Nam Từ Liêm', 'Hà Đông'],
    wards: 15,
  },
  { name: 'Đà Nẵng', districts: ['Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Ngũ Hành Sơn', 'Liên Chiểu'], wards: 10 },
  { name: 'Hải Phòng', districts: ['Hồng Bàng', 'Lê Chân', 'Ngô Quyền', 'Hải An'], wards: 10 },
  { name: 'Cần Thơ', districts: ['Ninh Kiều', 'Bình Thủy', 'Cái Răng'], wards: 10 },
];
const CITY_WEIGHTS = [45, 35, 8, 7, 5];
/** Fixed-line area codes of the cities above (11-digit numbers starting with 02). */
const AREA = ['028', '024', '0236', '0225', '0292'];

const CATEGORIES = ['cosmetics', 'fashion', 'electronics', 'home', 'food', 'mother-baby', 'sports', 'books', 'phone-accessories', 'health'];
const CATEGORY_WORDS: Record<string, string> = {
  cosmetics: 'Mỹ phẩm',
  fashion: 'Thời trang',
  electronics: 'Điện máy',
  home: 'Nhà cửa',
  food: 'Đặc sản',
  'mother-baby': 'Mẹ và bé',
  sports: 'Thể thao',
  books: 'Nhà sách',
  'phone-accessories': 'Phụ kiện',
  health: 'Sức khỏe',
};
const SHOP_SUFFIX = ['chính hãng', 'Store', 'Official', 'giá tốt', 'House', 'Mart', 'Shop', 'xưởng', 'nội địa', 'Sài Gòn'];

export const PLATFORMS = ['shopee', 'lazada', 'tiktok'] as const;
export type PlatformId = (typeof PLATFORMS)[number];
const PLATFORM_WEIGHTS = [50, 25, 25];

/** Operators by how many shops they run: most run one or two. */
const SHOPS_PER_OPERATOR = [1, 2, 3, 4, 5, 6, 7, 8];
const SHOPS_PER_OPERATOR_WEIGHTS = [45, 20, 12, 8, 6, 4, 3, 2];

// ---------------------------------------------------------------------------------------------
// Identities

export interface Person {
  readonly fullName: string;
  readonly nationalId: string;
  readonly dateOfBirth: string;
}

export interface Place {
  readonly address: string;
  readonly phone: string;
}

export interface Account {
  readonly bankCode: string;
  readonly accountNumber: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface DatasetOptions {
  /** How many shops to generate. */
  readonly shops: number;
  readonly seed?: string;
  /** Prefix of every shop id (new shops of a later run must not collide with the loaded ones). */
  readonly shopPrefix?: string;
  /**
   * Where the counters of persons, phones and accounts start: a second data set with another base holds
   * other people. Persons must stay below 96,000,000 (96 provinces × 10^6 serials).
   */
  readonly idBase?: number;
  /** Hub depots; default max(2, shops / 100,000). */
  readonly hubs?: number;
}

/** One claim as POST /platform/shops takes it. */
export interface ClaimBody {
  readonly claimId: string;
  readonly role: string;
  readonly subject: Record<string, unknown>;
  readonly verification?: { method: string; verifiedAt: string; reference: string };
}

export interface ShopBody {
  readonly shopId: string;
  readonly displayName: string;
  readonly url?: string;
  readonly category: string;
  readonly claims: ClaimBody[];
}

export interface GeneratedShop {
  readonly platformId: PlatformId;
  readonly body: ShopBody;
  /** Index of the operator that really runs it (the ground truth; not sent). */
  readonly operator: number;
  /** Whether its declared owner is a nominee (a rented identity that also fronts other operators). */
  readonly nomineeFronted: boolean;
  /** Identifiers an officer could look the shop up by (as written in the claims); hub phones excluded. */
  readonly lookups: readonly { kind: 'phone' | 'nationalId' | 'bankAccount'; value: string }[];
}

export interface DatasetStats {
  shops: number;
  claims: number;
  operators: number;
  nomineeOperators: number;
  nominees: number;
  hubShops: number;
  hubs: number;
  byPlatform: Record<PlatformId, number>;
  byRole: Record<string, number>;
}

/**
 * The shops of the data set, one at a time, operator after operator (the shops of an operator are
 * consecutive but on mixed platforms). `stats` fills in as it goes.
 */
export class ResolutionDataset {
  readonly stats: DatasetStats;
  readonly hubPlaces: readonly Place[];
  private readonly rng: Prng;
  private readonly prefix: string;
  private persons: number;
  private phones: number;
  private accounts: number;
  private readonly pHub: number;
  private readonly nomineePool: Person[] = [];
  private nomineeUses = 0;

  constructor(private readonly options: DatasetOptions) {
    const seed = options.seed ?? 'seller-identity-registry';
    this.rng = new Prng(`${seed}/${options.shopPrefix ?? ''}/${options.idBase ?? 0}`);
    this.prefix = options.shopPrefix ?? 's';
    const base = options.idBase ?? 0;
    this.persons = base;
    this.phones = base;
    this.accounts = base;
    // Hubs come from the seed alone, so that the shops of a later run (another prefix) use the same depots.
    const hubRng = new Prng(`${seed}/hubs`);
    const hubs = options.hubs ?? Math.max(2, Math.floor(options.shops / 100_000));
    this.hubPlaces = Array.from({ length: hubs }, (_, h) => {
      const city = h % 2 === 0 ? 1 : 0; // Hà Nội and TP.HCM depots
      const area = AREA[city];
      // 9,xxx,xxx: apart from the fixed lines of ordinary places (3,000,000 to 8,999,999)
      const local = pad(9_100_000 + h * 1117 + hubRng.int(1000), 11 - area.length);
      return {
        address: `Kho trung chuyển số ${h + 1}, KCN ${city === 1 ? 'Bắc Thăng Long, H.Đông Anh, Hà Nội' : 'Tân Tạo, Q.Bình Tân, TP.HCM'}`,
        phone: `${area} ${local.slice(0, 4)} ${local.slice(4)}`,
      };
    });
    // About 800 shops per depot, whatever the size; never more than one shop in ten.
    this.pHub = Math.min(0.1, (hubs * 800) / Math.max(1, options.shops));
    this.stats = {
      shops: 0,
      claims: 0,
      operators: 0,
      nomineeOperators: 0,
      nominees: 0,
      hubShops: 0,
      hubs,
      byPlatform: { shopee: 0, lazada: 0, tiktok: 0 },
      byRole: {},
    };
  }

  *shops(): Generator<GeneratedShop> {
    const rng = this.rng;
    while (this.stats.shops < this.options.shops) {
      const operator = this.stats.operators++;
      const count = Math.min(rng.weighted(SHOPS_PER_OPERATOR, SHOPS_PER_OPERATOR_WEIGHTS), this.options.shops - this.stats.shops);
      // What the operator's shops share: the owner, the money, the phone, or all three.
      const mode = count === 1 ? 'all' : rng.weighted(['all', 'payout', 'phone', 'nationalId'] as const, [40, 25, 15, 20]);
      const owner = this.person(rng);
      const account = this.account(rng);
      const phone = this.phone(rng);
      const email = rng.chance(0.3) ? this.email(owner, operator, rng) : null;
      const places = Array.from({ length: 1 + (count > 2 ? rng.int(2) : 0) }, () => this.place(rng));
      const category = rng.pick(CATEGORIES);
      const usesNominee = rng.chance(0.015);
      if (usesNominee) this.stats.nomineeOperators++;
      for (let i = 0; i < count; i++) {
        const platformId = count === 1 ? rng.weighted(PLATFORMS, PLATFORM_WEIGHTS) : PLATFORMS[(operator + i) % 3];
        const shopOwner = i > 0 && (mode === 'payout' || mode === 'phone') ? this.person(rng) : owner;
        const declared = usesNominee && i === 0 ? this.nominee(rng) : shopOwner;
        const shopAccount = i > 0 && (mode === 'phone' || mode === 'nationalId') ? this.account(rng) : account;
        const shopPhone = i > 0 && (mode === 'payout' || mode === 'nationalId') ? this.phone(rng) : phone;
        yield this.shop(
          operator,
          platformId,
          category,
          declared,
          shopOwner,
          shopAccount,
          shopPhone,
          email,
          places[i % places.length],
          declared !== shopOwner,
          rng,
        );
      }
    }
  }

  private shop(
    operator: number,
    platformId: PlatformId,
    category: string,
    declared: Person,
    holder: Person,
    account: Account,
    phone: string,
    email: string | null,
    place: Place,
    nomineeFronted: boolean,
    rng: Prng,
  ): GeneratedShop {
    const index = this.stats.shops++;
    const shopId = `${this.prefix}${index.toString(36)}`;
    const verifiedAt = `2025-${pad(1 + rng.int(12), 2)}-${pad(1 + rng.int(28), 2)}T${pad(rng.int(24), 2)}:${pad(rng.int(60), 2)}:00Z`;
    const method = rng.weighted(['vneid_level_2', 'vneid_level_1', 'nfc_chip', 'document_check'], [80, 8, 7, 5]);
    const claims: ClaimBody[] = [
      {
        claimId: 'owner',
        role: 'declared_owner',
        subject: { fullName: declared.fullName, nationalId: declared.nationalId, dateOfBirth: declared.dateOfBirth },
        verification: { method, verifiedAt, reference: `${method === 'vneid_level_2' || method === 'vneid_level_1' ? 'vneid' : 'kyc'}-${shopId}` },
      },
      { claimId: 'payout', role: 'payout_account', subject: { fullName: holder.fullName, bankAccount: { ...account } } },
      { claimId: 'contact', role: 'contact', subject: { phone: writePhone(phone, rng), ...(email ? { email } : {}) } },
      { claimId: 'location', role: rng.chance(0.7) ? 'pickup_point' : 'warehouse', subject: { address: place.address, phone: writePhone(place.phone, rng) } },
    ];
    if (rng.chance(0.3)) {
      const representative = this.person(rng);
      claims.push({ claimId: 'legal', role: 'legal_representative', subject: { fullName: representative.fullName, nationalId: representative.nationalId } });
    }
    if (rng.chance(0.5)) {
      const second = this.place(rng);
      claims.push({
        claimId: 'location-2',
        role: rng.chance(0.6) ? 'pickup_point' : 'return_address',
        subject: { address: second.address, phone: writePhone(second.phone, rng) },
      });
    }
    if (rng.chance(0.2)) {
      claims.push({ claimId: 'payout-2', role: 'payout_account', subject: { fullName: holder.fullName, bankAccount: { ...this.account(rng) } } });
    }
    if (rng.chance(this.pHub)) {
      const hub = rng.pick(this.hubPlaces);
      claims.push({ claimId: 'fulfilment', role: 'warehouse', subject: { address: hub.address, phone: hub.phone } });
      this.stats.hubShops++;
    }
    this.stats.claims += claims.length;
    this.stats.byPlatform[platformId]++;
    for (const claim of claims) this.stats.byRole[claim.role] = (this.stats.byRole[claim.role] ?? 0) + 1;
    const words = CATEGORY_WORDS[category];
    const body: ShopBody = {
      shopId,
      displayName: `${words} ${holder.fullName.split(' ').pop()} ${rng.pick(SHOP_SUFFIX)}`,
      ...(rng.chance(0.6) ? { url: `https://${platformId}.vn/${shopId}` } : {}),
      category,
      claims,
    };
    return {
      platformId,
      body,
      operator,
      nomineeFronted,
      lookups: [
        { kind: 'phone', value: claims[2].subject.phone as string },
        { kind: 'nationalId', value: declared.nationalId },
        { kind: 'bankAccount', value: `${account.bankCode}:${account.accountNumber}` },
      ],
    };
  }

  /** A new person: unique CCCD (province and serial from the counter), birth year 1960–2005 matching the century/sex digit. */
  private person(rng: Prng): Person {
    const n = this.persons++;
    const female = rng.chance(0.5);
    const year = 1960 + rng.int(46);
    const province = 1 + (n % 96);
    const serial = Math.floor(n / 96) % 1_000_000;
    const centurySex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const nationalId = `${pad(province, 3)}${centurySex}${pad(year % 100, 2)}${pad(serial, 6)}`;
    const family = rng.weighted(FAMILY, FAMILY_WEIGHTS);
    const middle = rng.fromCdf(female ? MIDDLE_FEMALE : MIDDLE_MALE, MIDDLE_CDF);
    const given = rng.fromCdf(female ? GIVEN_FEMALE : GIVEN_MALE, GIVEN_CDF);
    return { fullName: `${family} ${middle} ${given}`, nationalId, dateOfBirth: `${year}-${pad(1 + rng.int(12), 2)}-${pad(1 + rng.int(28), 2)}` };
  }

  /** A rented identity: each nominee fronts three unrelated operators in turn. */
  private nominee(rng: Prng): Person {
    const slot = Math.floor(this.nomineeUses++ / 3);
    if (slot >= this.nomineePool.length) {
      this.nomineePool.push(this.person(rng));
      this.stats.nominees++;
    }
    return this.nomineePool[slot];
  }

  /** A new mobile number, national form (10 digits), unique from the counter. */
  private phone(rng: Prng): string {
    const n = this.phones++;
    void rng;
    const prefix = MOBILE_PREFIXES[n % MOBILE_PREFIXES.length];
    return `${prefix}${pad(Math.floor(n / MOBILE_PREFIXES.length) % 10_000_000, 7)}`;
  }

  private account(rng: Prng): Account {
    const n = this.accounts++;
    const bankCode = BANKS[n % BANKS.length];
    const [lead, length] = ACCOUNT_SHAPES[bankCode];
    const serial = Math.floor(n / BANKS.length);
    const width = length - lead.length;
    // The serial at the end keeps numbers unique; the digits before it vary like real numbers do.
    const filler = width > 9 ? pad(rng.int(10 ** (width - 9)), width - 9) : '';
    return { bankCode, accountNumber: `${lead}${filler}${pad(serial, Math.min(9, width))}` };
  }

  private email(owner: Person, operator: number, rng: Prng): string {
    const folded = owner.fullName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .split(' ');
    return `${folded[folded.length - 1]}${folded[0]}.${(operator + (this.options.idBase ?? 0)).toString(36)}@${rng.pick(EMAIL_DOMAINS)}`;
  }

  /** A pickup point or warehouse: a street address and its own phone (a mobile or the city's fixed line). */
  private place(rng: Prng): Place {
    const cityIndex = rng.weighted(
      CITIES.map((_, i) => i),
      CITY_WEIGHTS,
    );
    const city = CITIES[cityIndex];
    const district = rng.pick(city.districts);
    const ward = 1 + rng.int(city.wards);
    const house = `${1 + rng.int(300)}${rng.chance(0.15) ? `/${1 + rng.int(40)}` : ''}`;
    const alley = rng.chance(0.3) ? `ngõ ${1 + rng.int(200)} ` : '';
    const address = `${house} ${alley}${rng.pick(STREETS)}, P.${ward}, Q.${district}, ${city.name}`;
    let phone: string;
    if (rng.chance(0.25)) {
      const area = AREA[cityIndex];
      const n = this.phones++;
      phone = `${area}${pad(3_000_000 + (n % 6_000_000), 11 - area.length)}`;
    } else {
      phone = this.phone(rng);
    }
    return { address, phone };
  }
}

/** The body of one bulk request. */
export const bulkBody = (shops: readonly GeneratedShop[]) => JSON.stringify({ shops: shops.map((s) => s.body) });
