import { fail, ok, Parsed, readText } from './parsed';
import { plainTextProblem } from './plain-text';

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

/**
 * Cyrillic and Greek letters that look like Latin ones, as a spoofed name writes them: folded to
 * their Latin twins, so `Nguyễn` with a Cyrillic `е` compares equal to the Latin one (the original
 * is kept as written). Only look-alikes: a Russian name keeps its other letters.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'a',
  В: 'b',
  Е: 'e',
  К: 'k',
  М: 'm',
  Н: 'h',
  О: 'o',
  Р: 'p',
  С: 'c',
  Т: 't',
  У: 'y',
  Х: 'x',
  І: 'i',
  Ј: 'j',
  Ѕ: 's',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  ο: 'o',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/** The form names and addresses are compared on: `Nguyễn Văn  Đức!` → `nguyen van duc`. */
export function foldText(s: string): string {
  return (
    s
      .normalize('NFKC')
      // Invisible format characters (a zero-width space) are nothing, not a word break.
      .replace(/\p{Cf}/gu, '')
      .normalize('NFD')
      .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter])
      .toLowerCase()
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
  const problem = plainTextProblem(original);
  if (problem) return fail(problem);
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
