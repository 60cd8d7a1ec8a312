import { formatDong, higherRate, parseDong, parseRate, taxOn } from './money';

describe('money in whole đồng', () => {
  it('reads integers and digit strings, and nothing else', () => {
    expect(parseDong(120_000_000)).toBe(120_000_000n);
    expect(parseDong('98765432109876543210')).toBe(98765432109876543210n);
    expect(parseDong(0)).toBe(0n);
    for (const bad of [-1, 1.5, '1.5', '-3', '1e6', '', '007', Number.MAX_SAFE_INTEGER + 1, null, undefined, true, {}]) {
      expect([bad, parseDong(bad)]).toEqual([bad, null]);
    }
  });

  it('writes amounts as decimal strings, exact beyond 2^53', () => {
    expect(formatDong(9_007_199_254_740_993n)).toBe('9007199254740993');
  });
});

describe('the rounding rule: base × rate exactly, rounded once per tax line to whole đồng, half up', () => {
  const half = parseRate('0.5');
  it.each([
    [100n, '0.5', 1n], // 0.5 đồng: half rounds up
    [99n, '0.5', 0n], // 0.495
    [150n, '0.5', 1n], // 0.75
    [300n, '1.5', 5n], // 4.5
    [299n, '1.5', 4n], // 4.485
    [10n, '5', 1n], // 0.5
    [9n, '5', 0n], // 0.45
    [123_456_789n, '1', 1_234_568n], // 1,234,567.89
    [123_456_789n, '0.5', 617_284n], // 617,283.945
    [0n, '5', 0n],
  ])('%s đồng at %s%% → %s', (base, rate, due) => {
    expect(taxOn(base, parseRate(rate))).toBe(due);
  });

  it('is exact for amounts no double can hold', () => {
    expect(taxOn(10n ** 20n + 100n, half)).toBe(5n * 10n ** 17n + 1n);
  });

  it('refuses a negative base', () => expect(() => taxOn(-1n, half)).toThrow(RangeError));

  it('reads rates in percent as exact fractions and refuses anything else', () => {
    expect(parseRate('1.5')).toEqual({ percent: '1.5', numerator: 15n, denominator: 1000n });
    expect(higherRate(parseRate('1.5'), parseRate('2')).percent).toBe('2');
    for (const bad of ['', '-1', '101', '1,5', '0.12345', 'abc']) expect(() => parseRate(bad)).toThrow(RangeError);
  });
});
