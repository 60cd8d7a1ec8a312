import { TokenBuckets } from './token-buckets';

describe('token buckets per caller', () => {
  it('lets a minute’s allowance through at once, then refuses and says when enough is back', () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 60; i++) expect(buckets.take('a', 60, 1, 0)).toEqual({ ok: true });
    expect(buckets.take('a', 60, 1, 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take('a', 60, 1, 1_000)).toEqual({ ok: true });
  });

  it('counts a bulk request by its items, and never asks to wait longer than a full refill', () => {
    const buckets = new TokenBuckets();
    expect(buckets.take('a', 60, 50, 0)).toEqual({ ok: true });
    expect(buckets.take('a', 60, 20, 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('a', 60, 500, 0)).toEqual({ ok: false, retryAfterSeconds: 50 });
  });

  it('keeps each caller’s allowance apart', () => {
    const buckets = new TokenBuckets();
    expect(buckets.take('a', 1, 1, 0)).toEqual({ ok: true });
    expect(buckets.take('a', 1, 1, 0)).toMatchObject({ ok: false });
    expect(buckets.take('b', 1, 1, 0)).toEqual({ ok: true });
  });
});
