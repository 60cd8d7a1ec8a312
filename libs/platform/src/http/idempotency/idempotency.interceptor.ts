import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { canonicalJson } from '@registry/shared-kernel';
import { createHash } from 'node:crypto';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { Principal } from '../../auth/principal';
import { HttpRequest, HttpResponse } from '../http-types';
import { IdempotencyKeys, StoredResponse } from './idempotency-keys';
import { READ_ROUTE } from './read-route.decorator';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentRequest extends HttpRequest {
  principal?: Principal;
  /** Seeds the event ids of this request, so that a retry appends nothing new. */
  idSeed?: string;
}

/**
 * Idempotency-Key on every write. The key is taken in the database before the write: a second use
 * while the first is under way gets 409, a use with another request gets 422 at any time, and a
 * use after the first succeeded gets the stored answer, which was stored before it was first sent.
 * A failed request gives the key back. Routes marked `@ReadRoute()` ignore the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const key = request.headers['idempotency-key'];
    if (!WRITE_METHODS.has(request.method) || key === undefined || !request.principal) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(READ_ROUTE, [context.getHandler(), context.getClass()])) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new BadRequestException('idempotency-key: must be 1 to 200 visible ASCII characters');
    }
    const principalId = request.principal.id;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    request.idSeed = createHash('sha256').update(`${principalId}\u0000${key}`).digest('hex');

    return from(this.keys.claim(principalId, key, requestHash)).pipe(
      switchMap((claim) => {
        if (claim.outcome === 'done') return from([replay(claim.response, requestHash, response)]);
        if (claim.outcome === 'pending') throw inProgress(claim.requestHash, requestHash, response);
        return next.handle().pipe(
          catchError((error: unknown) => from(this.keys.release(principalId, key)).pipe(switchMap(() => throwError(() => error)))),
          switchMap((body) => from(this.remember(principalId, key, response, body))),
        );
      }),
    );
  }

  private async remember(principalId: string, key: string, response: HttpResponse, body: unknown): Promise<unknown> {
    const etag = response.getHeader('etag');
    await this.keys.complete(principalId, key, { status: response.statusCode, body: JSON.stringify(body ?? null), etag: etag ? String(etag) : null });
    return body;
  }
}

function replay(stored: StoredResponse, requestHash: string, response: HttpResponse): unknown {
  if (stored.requestHash !== requestHash) throw usedForAnother();
  response.header('Idempotent-Replayed', 'true');
  if (stored.etag) response.header('ETag', stored.etag);
  return JSON.parse(stored.body);
}

function inProgress(heldFor: string, requestHash: string, response: HttpResponse): Error {
  if (heldFor !== requestHash) return usedForAnother();
  response.header('Retry-After', '1');
  return new ConflictException('idempotency-key: a request with this key is still under way; retry it in a moment to get its answer');
}

const usedForAnother = () => new UnprocessableEntityException('idempotency-key: was already used with a different request');
