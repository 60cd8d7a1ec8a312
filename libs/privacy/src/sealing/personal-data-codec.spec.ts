import { SqlDatabase, StoredEvent, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import { createCipheriv, randomBytes } from 'node:crypto';
import { openTemporarySqlite } from '../../../../test/support/databases';
import { seal } from '../crypto/aes-gcm';
import { newMasterKey } from '../crypto/keyring';
import { DataKeyStore } from '../data-keys/data-key-store';
import { privacyMigrations } from '../index';
import { PersonalDataCodec } from './personal-data-codec';
import { ERASED } from './personal-fields';

const personalFields = {
  ClaimAdded: { fields: ['subject', 'note'], scope: (stream: string, data: Record<string, unknown>) => `${stream}#claim:${String(data.claimId)}` },
};
const subject = { fullName: { original: 'Nguyễn Văn An', folded: 'nguyen van an' }, nationalId: '001089012345' };
const stream = 'shop-demo:s1';

/** The first version's sealing: three base64 strings in JSON (how events and keys written before issue 12 hold it). */
function sealedBefore(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

describe('the personal-data codec', () => {
  let db: SqlDatabase;
  const master = newMasterKey();
  let codec: PersonalDataCodec;
  let keys: DataKeyStore;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [...eventStoreMigrations, ...privacyMigrations] });
    keys = new DataKeyStore(db, { masterKeys: [master], indexKey: randomBytes(32), file: null });
    codec = new PersonalDataCodec(keys, personalFields);
  });
  afterEach(() => db.close());

  const stored = (id: string, data: unknown): StoredEvent =>
    ({ id, stream, version: 2, position: 2, type: 'ClaimAdded', schemaVersion: 1, data, metadata: {}, recordedAt: '2026-12-05T00:00:00.000Z' }) as StoredEvent;

  it('seals the personal fields into one string with a short key id, and reads them back', async () => {
    const id = timeOrderedId();
    const data = { claimId: 'owner', role: 'declared_owner', subject, note: 'seen at the counter' };
    const [{ events }] = await db.write((tx) => codec.encode(tx, [{ stream, events: [{ id, type: 'ClaimAdded', data, metadata: {} as never }] }]));

    const sealed = events[0].data as Record<string, unknown>;
    expect(Object.keys(sealed)).toEqual(['claimId', 'role', '$s']);
    expect(sealed.$s).toMatch(/^[0-9a-v]{17}\.subject,note\.[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(sealed)).not.toMatch(/001089012345|nguyen|counter/);

    const [read] = await codec.decode([stored(id, sealed)]);
    expect(read.data).toEqual(data);
    expect(read.personalData).toEqual({ keyId: String(sealed.$s).slice(0, 17), algorithm: 'AES-256-GCM', fields: ['subject', 'note'], erased: false });
  });

  it('seals a subject as the registry writes one (ID numbers first) without its key names, and reads it back', async () => {
    const id = timeOrderedId();
    const owner = { nationalId: '001089012345', fullName: { original: 'Nguyễn Văn An', folded: 'nguyen van an' }, dateOfBirth: '1989-05-08' };
    const data = { claimId: 'owner', subject: owner };
    const [{ events }] = await db.write((tx) => codec.encode(tx, [{ stream, events: [{ id, type: 'ClaimAdded', data, metadata: {} as never }] }]));
    const sealed = Buffer.from(String((events[0].data as Record<string, unknown>).$s).split('.')[2], 'base64');
    const ivAndTag = 12 + 16;
    expect(sealed.length - ivAndTag).toBe(
      Buffer.byteLength(JSON.stringify([owner])) - '"nationalId":"fullName":"original":"folded":"dateOfBirth":'.length + '321,1536,'.length,
    );

    const [read] = await codec.decode([stored(id, events[0].data)]);
    expect(JSON.stringify(read.data)).toBe(JSON.stringify(data));
  });

  it('reads an event sealed before its values were shaped, under `$p`', async () => {
    const id = timeOrderedId();
    const { keyId, key } = (await db.write((tx) => keys.keysForScopes(tx, [`${stream}#claim:owner`]))).scoped.get(`${stream}#claim:owner`)!;
    const plaintext = Buffer.from(JSON.stringify([subject, 'seen at the counter']));
    const before = { claimId: 'owner', $p: `${keyId}.subject,note.${seal(key, plaintext, `${stream}\u0000${id}`).toString('base64')}` };

    const [read] = await codec.decode([stored(id, before)]);
    expect(read.data).toEqual({ claimId: 'owner', subject, note: 'seen at the counter' });
    expect(read.personalData).toEqual({ keyId, algorithm: 'AES-256-GCM', fields: ['subject', 'note'], erased: false });
  });

  it('stores an event without a value in its personal fields as it is, and makes no data key for it', async () => {
    const id = timeOrderedId();
    const data = { claimId: 'owner', role: 'declared_owner', note: undefined };
    const [{ events }] = await db.write((tx) => codec.encode(tx, [{ stream, events: [{ id, type: 'ClaimAdded', data, metadata: {} as never }] }]));

    expect(events[0].data).toBe(data);
    expect(await db.reader.rows('SELECT key_id FROM data_keys')).toEqual([]);
    const [read] = await codec.decode([stored(id, data)]);
    expect(read.data).toBe(data);
  });

  it('reads an event sealed in the first form, under a key wrapped in the first form, and rotation re-wraps that key', async () => {
    const keyId = timeOrderedId();
    const key = randomBytes(32);
    await db.write((tx) => tx.run('INSERT INTO data_keys (key_id, wrapped) VALUES ($1, $2)', [keyId, JSON.stringify(sealedBefore(master.key, key, keyId))]));
    const id = timeOrderedId();
    const before = {
      claimId: 'owner',
      $personal: { keyId, alg: 'AES-256-GCM', fields: ['subject'], ...sealedBefore(key, Buffer.from(JSON.stringify({ subject })), `${stream}\u0000${id}`) },
    };

    const [read] = await codec.decode([stored(id, before)]);
    expect(read.data).toEqual({ claimId: 'owner', subject });
    expect(read.personalData).toEqual({ keyId, algorithm: 'AES-256-GCM', fields: ['subject'], erased: false });

    const next = newMasterKey();
    expect(await keys.rewrapAll({ masterKeys: [next, master], indexKey: randomBytes(32), file: null })).toBe(1);
    const [row] = await db.reader.rows<{ wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE key_id = $1', [keyId]);
    expect(row.wrapped).toHaveLength(40);
    const onlyNext = new DataKeyStore(db, { masterKeys: [next], indexKey: randomBytes(32), file: null });
    expect((await onlyNext.keysById([keyId])).get(keyId)).toEqual(key);
  });

  it('reads erased fields where the key was destroyed', async () => {
    const id = timeOrderedId();
    const data = { claimId: 'owner', subject };
    const [{ events }] = await db.write((tx) => codec.encode(tx, [{ stream, events: [{ id, type: 'ClaimAdded', data, metadata: {} as never }] }]));
    const keyId = String((events[0].data as Record<string, unknown>).$s).slice(0, 17);
    await db.write((tx) => keys.destroy(tx, [keyId], 'test'));
    keys.forget([keyId]);

    const [read] = await codec.decode([stored(id, events[0].data)]);
    expect(read.data).toEqual({ claimId: 'owner', subject: ERASED });
    expect(read.personalData).toMatchObject({ keyId, erased: true });
  });
});
