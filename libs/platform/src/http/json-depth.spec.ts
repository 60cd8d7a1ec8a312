import { MAX_JSON_DEPTH, assertJsonDepth } from './json-depth';

const nested = (levels: number) => Buffer.from(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('the JSON depth limit', () => {
  it('lets a body through at the limit and refuses one a level deeper, naming the limit', () => {
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH + 1))).toThrow(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('refuses thousands of levels without recursing', () => expect(() => assertJsonDepth(nested(100_000))).toThrow(/deeper/));

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '[[[[\\"{{{{'.repeat(20), b: [{ c: ['}'] }] });
    expect(() => assertJsonDepth(Buffer.from(text))).not.toThrow();
  });
});
