/**
 * Valid Vietnamese identifiers, made up, and the several ways sources write them (DOMAIN.md:
 * "Vietnamese identifiers"). Each maker takes a set of the values already given out, so that two
 * persons never share an identifier unless the market shares it on purpose.
 */
import { Prng } from '../support/prng';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The 63 province codes of CCCD numbers (first three digits), Hà Nội and TP.HCM the most frequent. */
const PROVINCES = [
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
  66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];
const PROVINCE_WEIGHTS = PROVINCES.map((p) => (p === 1 || p === 79 ? 12 : p === 31 || p === 48 || p === 92 || p === 74 || p === 75 ? 3 : 1));

/** CCCD `PPP G YY NNNNNN`: G is (century − 19) × 2, plus 1 for a woman. */
export function makeCccd(rng: Prng, birthYear: number, female: boolean, taken: Set<string>): string {
  for (;;) {
    const province = rng.weighted(PROVINCES, PROVINCE_WEIGHTS);
    const centurySex = (Math.floor(birthYear / 100) - 19) * 2 + (female ? 1 : 0);
    const id = `${pad(province, 3)}${centurySex}${pad(birthYear % 100, 2)}${pad(rng.int(1_000_000), 6)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** The old 9-digit identity card (CMND), still held by people who never changed it. */
export function makeCmnd(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const id = `${pad(1 + rng.int(38), 2)}${pad(rng.int(10_000_000), 7)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A national ID written as a KYC form or a bank file gives it: plain, grouped by spaces, dots or dashes. */
export function writeNationalId(id: string, rng: Prng): string {
  if (id.length !== 12) return rng.chance(0.8) ? id : `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
  switch (rng.int(6)) {
    case 0:
      return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
    case 1:
      return `${id.slice(0, 3)}.${id.slice(3, 6)}.${id.slice(6)}`;
    case 2:
      return `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6)}`;
    default:
      return id;
  }
}

const MST_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The MST check digit of the first nine digits, or null where the rule makes it invalid (10). */
export function mstCheckDigit(nine: string): number | null {
  const sum = MST_WEIGHTS.reduce((total, weight, i) => total + weight * Number(nine[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check % 10;
}

/** An enterprise MST: 2 province digits, 7 of sequence (never all zero), the check digit. */
export function makeMst(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const nine = `${pad(1 + rng.int(96), 2)}${pad(1 + rng.int(9_999_999), 7)}`;
    const check = mstCheckDigit(nine);
    if (check === null) continue;
    const mst = `${nine}${check}`;
    if (!taken.has(mst)) {
      taken.add(mst);
      return mst;
    }
  }
}

/** An MST as written: plain, spaced, dotted; a branch (13 digits) with or without its dash. */
export function writeMst(mst: string, rng: Prng): string {
  const [head, branch] = mst.split('-');
  const written = rng.pick([head, `${head.slice(0, 4)} ${head.slice(4, 7)} ${head.slice(7)}`, `${head.slice(0, 4)}.${head.slice(4, 7)}.${head.slice(7)}`]);
  if (!branch) return written;
  return rng.chance(0.5) ? `${written}-${branch}` : `${head}${branch}`;
}

/** Current mobile prefixes by carrier (the telecom that attests the subscriber). */
export const CARRIERS: Record<string, readonly string[]> = {
  viettel: ['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039'],
  vinaphone: ['088', '091', '094', '081', '082', '083', '084', '085'],
  mobifone: ['089', '090', '093', '070', '076', '077', '078', '079'],
  vietnamobile: ['092', '056', '058'],
};
const MOBILE_PREFIXES = Object.values(CARRIERS).flat();

/** The 11-digit prefix a 10-digit mobile prefix had before the 2018 conversion. */
const OLD_PREFIX: Record<string, string> = {
  '032': '0162',
  '033': '0163',
  '034': '0164',
  '035': '0165',
  '036': '0166',
  '037': '0167',
  '038': '0168',
  '039': '0169',
  '070': '0120',
  '079': '0121',
  '077': '0122',
  '076': '0126',
  '078': '0128',
  '083': '0123',
  '084': '0124',
  '085': '0125',
  '081': '0127',
  '082': '0129',
  '056': '0186',
  '058': '0188',
};

/** A mobile number in national form (10 digits). */
export function makeMobile(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const phone = `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(10_000_000), 7)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** A fixed line in national form (11 digits from 02), for depots. */
export function makeFixedLine(rng: Prng, area: string, taken: Set<string>): string {
  for (;;) {
    const phone = `${area}${pad(rng.int(10 ** (11 - area.length)), 11 - area.length)}`;
    if (!taken.has(phone) && phone[area.length] !== '0') {
      taken.add(phone);
      return phone;
    }
  }
}

export const carrierOf = (national: string) => Object.entries(CARRIERS).find(([, prefixes]) => prefixes.includes(national.slice(0, 3)))![0];

export const e164 = (national: string) => `+84${national.slice(1)}`;

/** A national-form number as people write it: spaced, dotted, +84, 84, (+84), or with its old 11-digit prefix. */
export function writePhone(national: string, rng: Prng): string {
  const rest = national.slice(1);
  const old = OLD_PREFIX[national.slice(0, 3)];
  if (old && rng.chance(0.15)) {
    const eleven = `${old}${national.slice(3)}`;
    return rng.chance(0.5) ? eleven : `${eleven.slice(0, 5)} ${eleven.slice(5, 8)} ${eleven.slice(8)}`;
  }
  if (national.startsWith('02')) return rng.chance(0.5) ? national : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  switch (rng.int(8)) {
    case 0:
      return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    case 1:
      return `+84${rest}`;
    case 2:
      return `+84 ${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`;
    case 3:
      return `${national.slice(0, 4)}.${national.slice(4, 7)}.${national.slice(7)}`;
    case 4:
      return `84${rest}`;
    case 5:
      return `(+84) ${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`;
    default:
      return national;
  }
}

/** Banks by short code, with the lead digits and length their account numbers have. */
export const BANKS: Record<string, readonly [string, number]> = {
  VCB: ['001', 13],
  BIDV: ['12', 14],
  CTG: ['10', 12],
  TCB: ['19', 14],
  MB: ['0', 12],
  ACB: ['2', 10],
  VPB: ['1', 11],
  STB: ['06', 12],
  TPB: ['0', 11],
  VIB: ['6', 12],
  SHB: ['10', 13],
  HDB: ['03', 14],
};
const BANK_CODES = Object.keys(BANKS);
const BANK_WEIGHTS = BANK_CODES.map((code) => (['VCB', 'BIDV', 'CTG', 'TCB', 'MB'].includes(code) ? 4 : 1));

export interface BankAccount {
  readonly bankCode: string;
  readonly accountNumber: string;
}

export function makeBankAccount(rng: Prng, taken: Set<string>): BankAccount {
  for (;;) {
    const bankCode = rng.weighted(BANK_CODES, BANK_WEIGHTS);
    const [lead, length] = BANKS[bankCode];
    let accountNumber = lead;
    while (accountNumber.length < length) accountNumber += String(rng.int(10));
    const key = `${bankCode}:${accountNumber}`;
    if (!taken.has(key)) {
      taken.add(key);
      return { bankCode, accountNumber };
    }
  }
}

/**
 * An account as a platform or bank file gives it: the number grouped by spaces, dots or dashes, the
 * code in any case. Always the object form: the HTTP API takes no `CODE:number` string.
 */
export function writeBankAccount(account: BankAccount, rng: Prng): { bankCode: string; accountNumber: string } {
  const n = account.accountNumber;
  const number = rng.pick([
    n,
    n,
    `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`,
    `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
    `${n.slice(0, 4)}.${n.slice(4)}`,
  ]);
  return { bankCode: rng.chance(0.2) ? account.bankCode.toLowerCase() : account.bankCode, accountNumber: number };
}

export const WALLET_PROVIDERS = ['MOMO', 'ZALOPAY', 'VNPAY', 'SHOPEEPAY'] as const;

/** An e-wallet keyed by its holder's phone, written as the phone is. */
export function writeWallet(provider: string, national: string, rng: Prng): { provider: string; accountId: string } {
  return { provider: rng.chance(0.2) ? provider.toLowerCase() : provider, accountId: writePhone(national, rng) };
}

/** An email as typed: sometimes with capitals (mailbox names compare without case). */
export function writeEmail(email: string, rng: Prng): string {
  return rng.chance(0.2) ? email.replace(/^./, (c) => c.toUpperCase()) : email;
}
