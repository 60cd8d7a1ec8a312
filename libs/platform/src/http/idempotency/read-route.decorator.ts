import { SetMetadata } from '@nestjs/common';

export const READ_ROUTE = 'registry:read-route';

/**
 * A POST that only reads (a search whose criteria travel in the body). Its answers are never
 * replayed from the Idempotency-Key cache: each one is computed, checked and audited on its own.
 */
export const ReadRoute = () => SetMetadata(READ_ROUTE, true);
