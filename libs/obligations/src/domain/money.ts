/**
 * Money is whole đồng as bigint: never a float. In JSON (events, messages, the feed) an amount is
 * a decimal string of digits, so no consumer parses it into a double and loses đồng; requests may
 * also send a JSON integer up to Number.MAX_SAFE_INTEGER.
 */
export type Dong = bigint;

const DIGITS = /^(0|[1-9][0-9]*)$/;

/** A non-negative whole amount from an event or a request; null when it is anything else. */
export function parseDong(value: unknown): Dong | null {
  if (typeof value === 'bigint') return value >= 0n ? value : null;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (typeof value === 'string' && DIGITS.test(value) && value.length <= 30) return BigInt(value);
  return null;
}

export const formatDong = (amount: Dong): string => amount.toString();

/** A tax rate as stated in law, in percent ("0.5"), kept as an exact fraction. */
export interface Rate {
  readonly percent: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const PERCENT = /^(0|[1-9][0-9]?)(\.[0-9]{1,4})?$|^100$/;

export function parseRate(percent: string): Rate {
  if (typeof percent !== 'string' || !PERCENT.test(percent)) {
    throw new RangeError(`a rate is a percentage from 0 to 100 with at most 4 decimals, like "0.5"; got ${JSON.stringify(percent)}`);
  }
  const [whole, fraction = ''] = percent.split('.');
  return { percent, numerator: BigInt(whole + fraction), denominator: 100n * 10n ** BigInt(fraction.length) };
}

/**
 * The rounding rule: each tax line (one tax, one category, one shop and month) is base × rate
 * computed exactly, then rounded once to whole đồng, half up (x.5 đồng becomes x + 1).
 * Totals are sums of rounded lines; nothing is rounded twice.
 */
export function taxOn(base: Dong, rate: Rate): Dong {
  if (base < 0n) throw new RangeError('a tax base is never negative');
  return (2n * base * rate.numerator + rate.denominator) / (2n * rate.denominator);
}

/** The larger of two rates (exactly, whatever their denominators). */
export function higherRate(a: Rate, b: Rate): Rate {
  return a.numerator * b.denominator >= b.numerator * a.denominator ? a : b;
}

export const maxDong = (a: Dong, b: Dong): Dong => (a > b ? a : b);
