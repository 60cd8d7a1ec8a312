/**
 * People and places of the market: common Vietnamese names (so that names never tell people apart),
 * birth dates matching the CCCD, addresses written with the abbreviations sources use.
 */
import { Prng } from '../support/prng';
import { makeCccd, makeCmnd, makeMobile } from './identifiers';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Family names with roughly their share among Vietnamese (Nguyễn about 38 %). */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 5, 4.5, 3.9, 3.5, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5];
const MIDDLE = { male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc'], female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim'] };
const MIDDLE_WEIGHTS = [8, 2, 2, 2, 1];
/** Few given names, so the most common full names repeat many times even in a small market. */
const GIVEN = {
  male: ['Hùng', 'Dũng', 'Nam', 'Tuấn', 'Minh', 'Hải', 'Long', 'Sơn', 'Thắng', 'Quang', 'An', 'Huy'],
  female: ['Hương', 'Lan', 'Linh', 'Hoa', 'Trang', 'Thảo', 'Mai', 'Ngọc', 'Hằng', 'Nhung', 'Anh', 'Yến'],
};
const GIVEN_WEIGHTS = [6, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1];

export interface Person {
  readonly fullName: string;
  /** CCCD (12 digits), or CMND (9) for some people born before 1970. */
  readonly nationalId: string;
  readonly dateOfBirth: string;
  /** The person's own mobile (national form) and email. */
  readonly phone: string;
  readonly email: string;
  readonly home: string;
}

export interface Registers {
  readonly ids: Set<string>;
  readonly phones: Set<string>;
  readonly accounts: Set<string>;
  readonly taxCodes: Set<string>;
  readonly emails: Set<string>;
}

export const newRegisters = (): Registers => ({ ids: new Set(), phones: new Set(), accounts: new Set(), taxCodes: new Set(), emails: new Set() });

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** A new person; `family` makes a relative (same family name, same home). */
export function makePerson(rng: Prng, registers: Registers, options: { family?: string; home?: string; minYear?: number; maxYear?: number } = {}): Person {
  const female = rng.chance(0.5);
  const minYear = options.minYear ?? 1960;
  const year = minYear + rng.int((options.maxYear ?? 2004) - minYear + 1);
  const family = options.family ?? rng.weighted(FAMILY, FAMILY_WEIGHTS);
  const sex = female ? 'female' : 'male';
  const fullName = `${family} ${rng.weighted(MIDDLE[sex], MIDDLE_WEIGHTS)} ${rng.weighted(GIVEN[sex], GIVEN_WEIGHTS)}`;
  const nationalId = year < 1970 && rng.chance(0.4) ? makeCmnd(rng, registers.ids) : makeCccd(rng, year, female, registers.ids);
  const parts = fold(fullName).split(' ');
  let email: string;
  do {
    email = `${parts[2]}${parts[0]}${rng.chance(0.5) ? '.' : ''}${rng.int(10_000)}@${rng.pick(['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com.vn', 'outlook.com'])}`;
  } while (registers.emails.has(email));
  registers.emails.add(email);
  return {
    fullName,
    nationalId,
    dateOfBirth: `${year}-${pad(1 + rng.int(12), 2)}-${pad(1 + rng.int(28), 2)}`,
    phone: makeMobile(rng, registers.phones),
    email,
    home: options.home ?? makeAddress(rng),
  };
}

const STREETS = [
  'Lê Lợi',
  'Nguyễn Huệ',
  'Trần Hưng Đạo',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Điện Biên Phủ',
  'Cách Mạng Tháng Tám',
  'Nguyễn Trãi',
  'Quang Trung',
  'Kim Mã',
  'Giải Phóng',
  'Cầu Giấy',
];
const CITIES = [
  { name: ['TP.HCM', 'TP. Hồ Chí Minh', 'Thành phố Hồ Chí Minh'], districts: ['1', '3', '10', 'Bình Thạnh', 'Tân Bình', 'Gò Vấp'] },
  { name: ['Hà Nội', 'TP. Hà Nội'], districts: ['Hoàn Kiếm', 'Ba Đình', 'Đống Đa', 'Cầu Giấy', 'Thanh Xuân', 'Hoàng Mai'] },
  { name: ['Đà Nẵng', 'TP. Đà Nẵng'], districts: ['Hải Châu', 'Thanh Khê', 'Sơn Trà'] },
];

/** A street address, with P./Q./TP. abbreviations as most sources write them. */
export function makeAddress(rng: Prng): string {
  const city = rng.weighted(CITIES, [5, 4, 1]);
  const alley = rng.chance(0.4) ? `ngõ ${1 + rng.int(200)} ` : '';
  return `${1 + rng.int(300)} ${alley}${rng.pick(STREETS)}, P.${1 + rng.int(20)}, Q.${rng.pick(city.districts)}, ${rng.pick(city.name)}`;
}
