export type Taken = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A bucket per caller that holds a minute's allowance and refills continuously: a caller may spend
 * its minute in a burst, then goes on at the steady rate. In memory, so each API replica counts
 * its own requests (the limit is a guard against a runaway client, not an account of usage).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(caller: string, perMinute: number, cost: number, now: number): Taken {
    const bucket = this.buckets.get(caller) ?? { tokens: perMinute, at: now };
    const perMs = perMinute / 60_000;
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((Math.min(cost, perMinute) - bucket.tokens) / perMs / 1000)) };
  }
}
