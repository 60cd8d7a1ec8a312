import { CreateIdempotencyKeys1764400001000 } from './1764400001000-create-idempotency-keys';

export * from './idempotency.interceptor';
export * from './idempotency-on-writes';
export * from './idempotency-keys';
export * from './read-route.decorator';
export const idempotencyMigrations = [CreateIdempotencyKeys1764400001000];
