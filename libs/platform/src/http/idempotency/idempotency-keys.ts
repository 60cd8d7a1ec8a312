import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: string;
  readonly etag: string | null;
}

/** A key whose first request is still under way: status 0, no body yet. */
const PENDING = 0;

/**
 * A claim older than this is taken to belong to a process that died mid-request: another request
 * may take the key over (its events carry the same seeded ids, so the store keeps them once).
 */
export const ABANDONED_CLAIM_MS = 60_000;

export type Claim =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'pending'; readonly requestHash: string }
  | { readonly outcome: 'done'; readonly response: StoredResponse };

/**
 * The keys live in the database, not in a process: API replicas share them, and the primary key
 * (principal, key) lets exactly one request take a key, whichever replica it reaches.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(private readonly db: SqlDatabase) {}

  /** Takes the key for this request unless another request holds it or finished with it. */
  async claim(principalId: string, key: string, requestHash: string, now = new Date()): Promise<Claim> {
    const claimed = await this.db.write(async (tx) => {
      const inserted = await tx.run(
        `INSERT INTO idempotency_keys (principal_id, key, request_hash, status, body, etag, created_at)
         VALUES ($1, $2, $3, ${PENDING}, '', NULL, $4) ON CONFLICT (principal_id, key) DO NOTHING`,
        [principalId, key, requestHash, now.toISOString()],
      );
      if (inserted > 0) return true;
      const abandonedBefore = new Date(now.getTime() - ABANDONED_CLAIM_MS).toISOString();
      const takenOver = await tx.run(
        `UPDATE idempotency_keys SET request_hash = $3, created_at = $4
         WHERE principal_id = $1 AND key = $2 AND status = ${PENDING} AND request_hash = $3 AND created_at < $5`,
        [principalId, key, requestHash, now.toISOString(), abandonedBefore],
      );
      return takenOver > 0;
    });
    if (claimed) return { outcome: 'claimed' };
    const [row] = await this.db.reader.rows<{ request_hash: string; status: number | string; body: string; etag: string | null }>(
      'SELECT request_hash, status, body, etag FROM idempotency_keys WHERE principal_id = $1 AND key = $2',
      [principalId, key],
    );
    // Released between the insert and the read: the first request failed, so this one may try.
    if (!row) return this.claim(principalId, key, requestHash, now);
    const status = Number(row.status);
    if (status === PENDING) return { outcome: 'pending', requestHash: row.request_hash };
    return { outcome: 'done', response: { requestHash: row.request_hash, status, body: row.body, etag: row.etag } };
  }

  /** Stores the answer of the request that holds the key; only then may the answer leave. */
  async complete(principalId: string, key: string, response: Omit<StoredResponse, 'requestHash'>): Promise<void> {
    await this.db.write((tx) =>
      tx.run(`UPDATE idempotency_keys SET status = $3, body = $4, etag = $5 WHERE principal_id = $1 AND key = $2 AND status = ${PENDING}`, [
        principalId,
        key,
        response.status,
        response.body,
        response.etag,
      ]),
    );
  }

  /** The request failed: nothing is kept, so the client may retry with the same key. */
  async release(principalId: string, key: string): Promise<void> {
    await this.db.write((tx) => tx.run(`DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND status = ${PENDING}`, [principalId, key]));
  }
}
