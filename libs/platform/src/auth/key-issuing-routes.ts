import { BadRequestException } from '@nestjs/common';
import { CredentialsRequest } from './authenticator';

/**
 * The idempotency interceptor stores the response of a write to replay it. A response that carries
 * a new API key must never be stored, so routes that issue keys refuse an Idempotency-Key; an
 * administrator who lost such a response rotates the key instead.
 */
export function refuseIdempotencyKey(request: CredentialsRequest): void {
  if (request.headers['idempotency-key'] !== undefined) {
    throw new BadRequestException('idempotency-key: not accepted where the answer carries a new API key; rotate the key if an answer was lost');
  }
}
