import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
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

/** Per-key limits (one bucket per principal), set per role; runs after authentication, before any work. */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly buckets = new TokenBuckets();

  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ principal?: Principal; body?: unknown }>();
    const principal = request.principal;
    const perMinute = principal ? this.config.rateLimits[principal.role] : 0;
    if (!principal || perMinute === 0) return next.handle();
    const cost = this.costOf(context, request.body);
    const taken = this.buckets.take(principal.id, perMinute, cost, Date.now());
    if (!taken.ok) throw new RateLimitExceeded(taken.retryAfterSeconds, perMinute, cost);
    return next.handle();
  }

  private costOf(context: ExecutionContext, body: unknown): number {
    const field = this.reflector.get<string | undefined>(COUNTS_ITEMS, context.getHandler());
    const items = field && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
    return Array.isArray(items) ? Math.max(1, items.length) : 1;
  }
}
