import { fail, ok, Parsed, readText } from './parsed';

export type PersonName = {
  readonly kind: 'personName';
  /** The folded form, so that every identifier compares on `value`. */
  readonly value: string;
  readonly original: string;
  readonly folded: string;
};

export type Address = {
  readonly kind: 'address';
  readonly value: string;
  readonly original: string;
  readonly folded: string;
};

/** The form names and addresses are compared on: `Nguyễn Văn  Đức!` → `nguyen van duc`. */
export function foldText(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // ð (U+00F0, from the look-alike Ð U+00D0) turns up in place of đ in text from legacy encodings.
      .replace(/[đð]/g, 'd')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const ADDRESS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  p: 'phuong',
  q: 'quan',
  tp: 'thanh pho',
  tx: 'thi xa',
  tt: 'thi tran',
  h: 'huyen',
  kp: 'khu pho',
};

// Only a whole token followed by a dot: "Q.1" is quận 1, while "Quang" or "HQ." stay as they are.
const ABBREVIATION = /(?<![\p{L}\p{N}])(tp|tx|tt|kp|p|q|h)\.\s*/giu;

function expandAddressAbbreviations(s: string): string {
  return s.replace(ABBREVIATION, (_, token: string) => `${ADDRESS_ABBREVIATIONS[token.toLowerCase()]} `);
}

/** Original kept trimmed and in NFC, since the same Vietnamese text arrives both precomposed and decomposed. */
export function parsePersonName(raw: unknown): Parsed<PersonName> {
  const text = readText(raw);
  if (!text.ok) return text;
  const original = text.value.normalize('NFC');
  if (original.length > 200) return fail('must be at most 200 characters');
  if (!/\p{L}/u.test(original)) return fail('must contain a letter');
  const folded = foldText(original);
  return ok({ kind: 'personName', value: folded, original, folded });
}

export function parseAddress(raw: unknown): Parsed<Address> {
  const text = readText(raw);
  if (!text.ok) return text;
  const original = text.value.normalize('NFC');
  if (original.length > 500) return fail('must be at most 500 characters');
  const folded = foldText(expandAddressAbbreviations(original));
  if (folded === '') return fail('must contain a letter or a digit');
  return ok({ kind: 'address', value: folded, original, folded });
}
