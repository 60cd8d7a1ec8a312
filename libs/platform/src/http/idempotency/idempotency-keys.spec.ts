import { SqlDatabase } from '@registry/event-store';
import { openTemporarySqlite } from '../../../../../test/support/databases';
import { CreateIdempotencyKeys1764400001000 } from './1764400001000-create-idempotency-keys';
import { ABANDONED_CLAIM_MS, IdempotencyKeys } from './idempotency-keys';

describe('idempotency keys in the database', () => {
  let db: SqlDatabase;
  let keys: IdempotencyKeys;
  const at = new Date('2026-12-05T10:00:00Z');
  const later = (ms: number) => new Date(at.getTime() + ms);

  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [CreateIdempotencyKeys1764400001000] });
    keys = new IdempotencyKeys(db);
  });
  afterEach(() => db.close());

  it('is claimed by the first request; a second finds it pending, with the hash of the request that holds it', async () => {
    expect(await keys.claim('p', 'k', 'hash-a', at)).toEqual({ outcome: 'claimed' });
    expect(await keys.claim('p', 'k', 'hash-b', later(10))).toEqual({ outcome: 'pending', requestHash: 'hash-a' });
  });

  it('gives the stored answer once the first request completed', async () => {
    await keys.claim('p', 'k', 'hash-a', at);
    await keys.complete('p', 'k', { status: 201, body: '{"changed":true}', etag: '"4"' });
    expect(await keys.claim('p', 'k', 'hash-a', later(10))).toEqual({
      outcome: 'done',
      response: { requestHash: 'hash-a', status: 201, body: '{"changed":true}', etag: '"4"' },
    });
  });

  it('is free again after a failed request released it', async () => {
    await keys.claim('p', 'k', 'hash-a', at);
    await keys.release('p', 'k');
    expect(await keys.claim('p', 'k', 'hash-b', later(10))).toEqual({ outcome: 'claimed' });
  });

  it('is taken over by the same request once its claim is abandoned, never by another request', async () => {
    await keys.claim('p', 'k', 'hash-a', at);
    expect(await keys.claim('p', 'k', 'hash-a', later(ABANDONED_CLAIM_MS - 1))).toMatchObject({ outcome: 'pending' });
    expect(await keys.claim('p', 'k', 'hash-b', later(ABANDONED_CLAIM_MS + 1))).toMatchObject({ outcome: 'pending', requestHash: 'hash-a' });
    expect(await keys.claim('p', 'k', 'hash-a', later(ABANDONED_CLAIM_MS + 1))).toEqual({ outcome: 'claimed' });
  });

  it('keeps each principal’s keys apart', async () => {
    await keys.claim('p', 'k', 'hash-a', at);
    expect(await keys.claim('q', 'k', 'hash-a', at)).toEqual({ outcome: 'claimed' });
  });
});
