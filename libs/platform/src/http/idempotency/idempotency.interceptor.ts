import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException, BadRequestException } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';
import { canonicalJson } from '@registry/shared-kernel';
import { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Observable, from, of, switchMap } from 'rxjs';
import { Principal } from '../../auth/principal';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentRequest extends Request {
  principal?: Principal;
  /** Seeds the event ids of this request, so that a retry appends nothing new. */
  idSeed?: string;
}

interface StoredResponse {
  request_hash: string;
  status: number;
  body: string;
  etag: string | null;
}

/**
 * Idempotency-Key on every write: the same key with the same request returns the first
 * response and appends nothing; the same key with another request is refused (422).
 * Two copies of a request racing each other both reach the event store with the same event ids,
 * and it stores them once.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly db: SqlDatabase) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (!WRITE_METHODS.has(request.method) || key === undefined || !request.principal) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new BadRequestException('idempotency-key: must be 1 to 200 visible ASCII characters');
    }
    const principalId = request.principal.id;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    request.idSeed = createHash('sha256').update(`${principalId}\u0000${key}`).digest('hex');

    return from(this.find(principalId, key)).pipe(
      switchMap((stored) => {
        if (stored) return of(this.replay(stored, requestHash, response));
        return next.handle().pipe(
          switchMap((body) => from(this.remember(principalId, key, requestHash, response, body).then(() => body))),
        );
      }),
    );
  }

  private async find(principalId: string, key: string): Promise<StoredResponse | undefined> {
    const [row] = await this.db.reader.rows<StoredResponse>(
      'SELECT request_hash, status, body, etag FROM idempotency_keys WHERE principal_id = $1 AND key = $2',
      [principalId, key],
    );
    return row;
  }

  private replay(stored: StoredResponse, requestHash: string, response: Response): unknown {
    if (stored.request_hash !== requestHash) {
      throw new UnprocessableEntityException('idempotency-key: was already used with a different request');
    }
    response.setHeader('Idempotent-Replayed', 'true');
    if (stored.etag) response.setHeader('ETag', stored.etag);
    return JSON.parse(stored.body);
  }

  private async remember(principalId: string, key: string, requestHash: string, response: Response, body: unknown): Promise<void> {
    const etag = response.getHeader('etag');
    await this.db.write((tx) =>
      tx.run(
        `INSERT INTO idempotency_keys (principal_id, key, request_hash, status, body, etag, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (principal_id, key) DO NOTHING`,
        [principalId, key, requestHash, response.statusCode, JSON.stringify(body ?? null), etag ? String(etag) : null, new Date().toISOString()],
      ),
    );
  }
}
