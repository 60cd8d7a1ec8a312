import { SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import { randomBytes } from 'node:crypto';
import { openTemporarySqlite } from '../../../../test/support/databases';
import { seal } from '../crypto/aes-gcm';
import { newMasterKey } from '../crypto/keyring';
import { privacyMigrations } from '../index';
import { DataKeyStore } from './data-key-store';
import { storedKeyId } from './stored-key-id';

describe('the data key store', () => {
  let db: SqlDatabase;
  const master = newMasterKey();
  let keys: DataKeyStore;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [...eventStoreMigrations, ...privacyMigrations] });
    keys = new DataKeyStore(db, { masterKeys: [master], indexKey: randomBytes(32), file: null });
  });
  afterEach(() => db.close());

  const keyOf = async (scope: string) => (await db.write((tx) => keys.keysForScopes(tx, [scope]))).scoped.get(scope)!;

  it('gives a record the same key each time, and a new one once its key was destroyed', async () => {
    const first = await keyOf('shop-demo:s1#claim:owner');
    expect(await keyOf('shop-demo:s1#claim:owner')).toEqual(first);
    expect((await keyOf('shop-demo:s1#claim:payout')).keyId).not.toBe(first.keyId);

    await db.write((tx) => keys.destroy(tx, [first.keyId], 'test'));
    const next = await keyOf('shop-demo:s1#claim:owner');
    expect(next.keyId).not.toBe(first.keyId);
    expect(await keyOf('shop-demo:s1#claim:owner')).toEqual(next);
    expect(await db.reader.rows('SELECT key_id FROM data_key_scopes WHERE scope = $1', ['shop-demo:s1#claim:owner'])).toEqual([
      { key_id: storedKeyId('sqlite', next.keyId) },
    ]);
  });

  it('stores a key wrapped in 40 bytes, and holds no scope in the key row', async () => {
    const { keyId } = await keyOf('shop-demo:s1#claim:owner');
    const [row] = await db.reader.rows<Record<string, unknown>>('SELECT * FROM data_keys WHERE key_id = $1', [storedKeyId('sqlite', keyId)]);
    expect(Object.keys(row)).not.toContain('scope');
    expect(row.wrapped).toHaveLength(40);
  });

  it('reads a key wrapped by AES-GCM as base64 text before, and a rotation re-wraps it by key wrap', async () => {
    const keyId = '0000000000000000a';
    const key = randomBytes(32);
    await db.write((tx) =>
      tx.run('INSERT INTO data_keys (key_id, wrapped) VALUES ($1, $2)', [storedKeyId('sqlite', keyId), seal(master.key, key, keyId).toString('base64')]),
    );
    expect((await keys.keysById([keyId])).get(keyId)).toEqual(key);

    const next = newMasterKey();
    expect(await keys.rewrapAll({ masterKeys: [next, master], indexKey: randomBytes(32), file: null })).toBe(1);
    const onlyNext = new DataKeyStore(db, { masterKeys: [next], indexKey: randomBytes(32), file: null });
    expect((await onlyNext.keysById([keyId])).get(keyId)).toEqual(key);
    const [row] = await db.reader.rows<{ wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE key_id = $1', [storedKeyId('sqlite', keyId)]);
    expect(Buffer.isBuffer(row.wrapped) && row.wrapped.length).toBe(40);
  });

  it('finds the master key of each data key by opening it: a rotation re-wraps what an old one opens, once, and no other key opens it', async () => {
    const { keyId, key } = await keyOf('shop-demo:s1#claim:owner');
    const [row] = await db.reader.rows<Record<string, unknown>>('SELECT * FROM data_keys WHERE key_id = $1', [storedKeyId('sqlite', keyId)]);
    expect(Object.keys(row)).not.toContain('master_key_id');

    const next = newMasterKey();
    const rotating = { masterKeys: [next, master], indexKey: randomBytes(32), file: null };
    expect(await keys.rewrapAll(rotating)).toBe(1);
    expect(await keys.rewrapAll(rotating)).toBe(0);
    expect((await new DataKeyStore(db, { ...rotating, masterKeys: [next] }).keysById([keyId])).get(keyId)).toEqual(key);
    await expect(new DataKeyStore(db, { ...rotating, masterKeys: [master] }).keysById([keyId])).rejects.toThrow(
      /opens under none of the configured master keys/,
    );
  });
});
