import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storedEventData } from '@registry/event-store';
import { DataKeyStore, keyIdOf, storedKeyId } from '@registry/privacy';
import { FOLDER_SCENARIO } from '../fixtures/write-data-folder';
import { CASE } from './enforcement.suite';
import { aRegistration } from './shops-api.suite';
import { copyDataFolderFixture, readAsLeft, startOnFolder, stopAndRemove } from '../support/data-folder-fixture';
import { RunningRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

interface RawEvent {
  position: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * A data folder written by commit 39ea9e2 (test/fixtures/data-folder-39ea9e2, by
 * test/fixtures/write-data-folder.ts: the operator view's answers as packed text, personal values
 * sealed under `$p`, data keys with their scopes) is migrated forward when this version starts on
 * it: the view is built again deflated, the keys' scopes move to `data_key_scopes`, old events read
 * as they were, new ones are sealed shaped under `$s` and stored in the compact form, and no event is
 * rewritten (issue 12).
 */
describe('a data folder written by commit 39ea9e2, started by this version', () => {
  const folder = copyDataFolderFixture('39ea9e2');
  let registry: RunningRegistry;
  let before: RawEvent[];
  const RAW = 'SELECT position, data, metadata, recorded_at FROM events ORDER BY position';
  const raw = () => registry.db.reader.rows<RawEvent>(RAW);

  beforeAll(async () => {
    before = await readAsLeft(folder, (file) => {
      expect(file.prepare('SELECT typeof(answer) AS stored FROM operator_view_operators').all()).toEqual([{ stored: 'text' }]);
      return file.prepare(RAW).all() as RawEvent[];
    });
    registry = await startOnFolder(folder);
  });
  afterAll(() => stopAndRemove(registry, folder));

  it('answers as the earlier version did, from an operator view built again deflated', async () => {
    const officer = (path: string) => registry.http().get(path).set('x-api-key', registry.key('demo-officer')).set(CASE);
    const answer = await officer('/enforcement/shops/shopee/s1/operator').expect(200);
    const shops = (answer.body as { operator: { shops: { shop: string }[] } }).operator.shops.map((s) => s.shop).sort();
    expect(shops).toEqual((JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { operatorOfShopeeS1: string[] }).operatorOfShopeeS1);
    await registry.settle();
    const stored = await registry.db.reader.rows<{ stored: string }>('SELECT DISTINCT typeof(answer) AS stored FROM operator_view_operators');
    expect(stored).toEqual([{ stored: 'blob' }]);
  });

  it('reads the personal values sealed under $p as they were, and seals new ones shaped under $s', async () => {
    const [, oldClaim] = await registry.store.readStream('shop-shopee:s1');
    expect(JSON.parse(before.find((e) => e.position === oldClaim.position)!.data).$p).toEqual(expect.any(String));
    expect(oldClaim.personalData).toMatchObject({ erased: false });
    expect(oldClaim.data).toMatchObject({ subject: { nationalId: FOLDER_SCENARIO.nominees.shopee, fullName: { original: 'Nguyễn Văn An' } } });

    await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('after-39ea9e2')).expect(201);
    const [, claim] = await registry.store.readStream('shop-demo-platform:after-39ea9e2');
    const [stored] = await registry.db.reader.rows<{ data: Buffer }>('SELECT data FROM events WHERE position = $1', [claim.position]);
    expect(Object.keys(storedEventData(stored.data) as object)).toContain('$s');
    expect(claim.personalData).toMatchObject({ erased: false });
  });

  it('reads every event the earlier version stored as it was, and stores new ones in the compact form', async () => {
    const events = await registry.store.readAll(1, before.length);
    const metadataOf = (text: string) => {
      const stored = JSON.parse(text) as object;
      if (!Array.isArray(stored)) return stored;
      const [correlationId, principal, causationId = null] = stored as string[];
      return { correlationId, causationId, principal };
    };
    expect(events.map((e) => ({ position: e.position, metadata: e.metadata, recordedAt: e.recordedAt }))).toEqual(
      before.map((r) => ({ position: r.position, metadata: metadataOf(r.metadata), recordedAt: r.recorded_at })),
    );
    const clear = events.filter((e) => e.personalData === undefined);
    expect(clear.length).toBeGreaterThan(10);
    for (const event of clear) expect(event.data).toEqual(JSON.parse(before.find((r) => r.position === event.position)!.data));

    await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('compact-39ea9e2')).expect(201);
    const forms = await registry.db.reader.rows(
      'SELECT DISTINCT typeof(data) AS data, typeof(metadata) AS metadata, typeof(recorded_at) AS time, metadata || recorded_at AS empty FROM events WHERE stream = $1',
      ['shop-demo-platform:compact-39ea9e2'],
    );
    expect(forms).toEqual([{ data: 'blob', metadata: 'text', time: 'text', empty: '' }]);
    const [registered] = await registry.store.readStream('shop-demo-platform:compact-39ea9e2');
    expect(registered).toMatchObject({ type: 'ShopRegistered', metadata: { principal: 'demo-platform' }, recordedAt: expect.stringMatching(/Z$/) });
  });

  it('keeps every data key, each live one found from its record through data_key_scopes', async () => {
    const [, oldClaim] = await registry.store.readStream('shop-shopee:s1');
    const scopes = await registry.db.reader.rows<{ key_id: Buffer }>('SELECT key_id FROM data_key_scopes WHERE scope = $1', ['shop-shopee:s1#claim:o']);
    expect(scopes.map((row) => keyIdOf(row.key_id))).toEqual([oldClaim.personalData!.keyId]);
    const [erasedOwner] = await registry.store.readStream('shop-tiktok:t1').then((events) => events.filter((e) => e.personalData?.erased));
    const erasedKey = storedKeyId('sqlite', erasedOwner.personalData!.keyId);
    expect(await registry.db.reader.rows('SELECT key_id FROM data_keys WHERE key_id = $1', [erasedKey])).toHaveLength(1);
    expect(await registry.db.reader.rows('SELECT scope FROM data_key_scopes WHERE key_id = $1', [erasedKey])).toEqual([]);
    const columns = (await registry.db.reader.rows<{ name: string }>("SELECT name FROM pragma_table_info('data_keys')")).map((c) => c.name);
    expect(columns).not.toContain('scope');
  });

  it('keeps each old claim under its own key: it reads, rotates and is erased with the keys of claims added now, one per shop, role and person (issue 12)', async () => {
    const roles = await registry.db.reader.rows<{ role: string }>('SELECT DISTINCT role FROM personal_data_records ORDER BY role');
    // Stored as letters since RolesAsLetters1764400280000, the earlier version's rows included.
    expect(roles.map((r) => r.role)).toEqual(expect.arrayContaining(['B', 'c', 'o', 'p']));
    expect(roles.filter((r) => r.role.length > 1)).toEqual([]);
    const owner = { fullName: 'Nguyễn Văn An', nationalId: FOLDER_SCENARIO.nominees.shopee };
    await registry
      .http()
      .post('/platform/shops')
      .set('x-api-key', registry.key('demo-platform'))
      .send({
        shopId: 'keys-39ea9e2',
        displayName: 'Cửa hàng',
        claims: [
          { claimId: 'owner', role: 'declared_owner', subject: owner },
          { claimId: 'payout', role: 'payout_account', subject: { fullName: owner.fullName, bankAccount: { bankCode: 'vcb', accountNumber: '1234567801' } } },
          { claimId: 'payout-2', role: 'payout_account', subject: { fullName: owner.fullName, bankAccount: { bankCode: 'vcb', accountNumber: '1234567802' } } },
        ],
      })
      .expect(201);
    await registry.settle();
    const keyOf = async (stream: string) => (await registry.store.readStream(stream)).filter((e) => e.type === 'ClaimAdded').map((e) => e.personalData!.keyId);
    const [, payout, payout2] = await keyOf('shop-demo-platform:keys-39ea9e2');
    expect(payout2).toBe(payout);

    const rotation = await registry.app.get(DataKeyStore).rotateMasterKey(0);
    expect(rotation.rewrapped).toBeGreaterThanOrEqual(9);
    const erasure = await registry
      .http()
      .post('/admin/erasures')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ identifier: { kind: 'nationalId', value: FOLDER_SCENARIO.nominees.shopee }, legalGround: 'data_subject_request', reference: 'PDP-keys' })
      .expect(200);
    // The old owner claim of shopee:s1 (its own key), the new owner claim and the payout key in her name.
    expect(erasure.body).toMatchObject({ erasedRecords: 3, erased: { records: { declared_owner: 2, payout_account: 1 } } });
    const [, oldOwner, oldPayout] = await registry.store.readStream('shop-shopee:s1');
    expect(oldOwner.data).toMatchObject({ subject: { erased: true } });
    expect(oldPayout.data).toMatchObject({ subject: { bankAccount: `VCB:${FOLDER_SCENARIO.account}` } });
  });

  it('erases through the index what the earlier version indexed', async () => {
    const erasure = await registry
      .http()
      .post('/admin/erasures')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ identifier: { kind: 'nationalId', value: FOLDER_SCENARIO.nominees.lazada }, legalGround: 'data_subject_request', reference: 'PDP-39ea9e2' })
      .expect(200);
    expect(erasure.body).toMatchObject({ erasedRecords: 1, erased: { values: { nationalId: 1, personName: 1 } } });
  });

  it('rewrites no event', async () => {
    expect((await raw()).slice(0, before.length)).toEqual(before);
  });
});
