import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '../../auth/principal';
import { REGISTRY_CONFIG, RegistryConfig } from '../../config/registry-config';
import { COUNTS_ITEMS } from './counts-items.decorator';
import { TokenBuckets } from './token-buckets';

/** Answered 429 with Retry-After by the error mapping. */
export class RateLimitExceeded extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    perMinute: number,
    cost: number,
  ) {
    super(
      cost > perMinute
        ? `rate limit: this request counts ${cost} items, more than the ${perMinute} per minute this key may send; split it`
        : `rate limit: this key may send ${perMinute} items per minute; retry in ${retryAfterSeconds} s`,
    );
  }
}

/**
 * Per-key limits (one bucket per principal), set per role. A guard, so that it costs no interceptor
 * round: registered after the authentication guard (AuthModule), it runs once the principal is
 * known, before any interceptor (a request over its limit never takes an Idempotency-Key) or work.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new TokenBuckets();
  /** Each handler's `@CountsItems` field (null: none), read once. */
  private readonly itemFields = new WeakMap<object, string | null>();

  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ principal?: Principal; body?: unknown }>();
    const principal = request.principal;
    const perMinute = principal ? this.config.rateLimits[principal.role] : 0;
    if (!principal || perMinute === 0) return true;
    const cost = this.costOf(context, request.body);
    const taken = this.buckets.take(principal.id, perMinute, cost, Date.now());
    if (!taken.ok) throw new RateLimitExceeded(taken.retryAfterSeconds, perMinute, cost);
    return true;
  }

  private costOf(context: ExecutionContext, body: unknown): number {
    const handler = context.getHandler();
    let field = this.itemFields.get(handler);
    if (field === undefined) this.itemFields.set(handler, (field = this.reflector.get<string | undefined>(COUNTS_ITEMS, handler) ?? null));
    const items = field && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
    return Array.isArray(items) ? Math.max(1, items.length) : 1;
  }
}
