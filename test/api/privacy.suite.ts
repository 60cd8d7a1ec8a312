import { DataKeyStore, Keyring, RetentionJob, newMasterKey } from '@registry/privacy';
import { KEYRING } from '@registry/platform';
import { ProjectionRunner } from '@registry/event-store';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

/** Every written form of the personal data the suite registers: none may be found at rest. */
export const PERSONAL_VALUES = [
  '001089012345',
  '+84912345678',
  '0912 345 678',
  '+84323456789',
  '0011004455667',
  'VCB:0011004455667',
  'Nguyễn Văn An',
  'nguyen van an',
  'Trần Thị Bích',
  'tran thi bich',
  'Bến Nghé',
  'ben nghe',
  '1989-04-12',
  'an.nguyen@example.vn',
  'Lê Văn Cường',
  '+84987654321',
];

export interface AtRest {
  /** All stored bytes as text (SQLite files, or every PostgreSQL table). */
  dump(registry: RunningRegistry): Promise<string>;
}

export const sqliteFilesAtRest: AtRest = {
  async dump(registry) {
    return readdirSync(registry.dataDir)
      .filter((f) => f.startsWith('registry.sqlite'))
      .map((f) => readFileSync(join(registry.dataDir, f)).toString('latin1') + readFileSync(join(registry.dataDir, f)).toString('utf8'))
      .join('\n');
  },
};

export const postgresTablesAtRest: AtRest = {
  async dump(registry) {
    const tables = await registry.db.reader.rows<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const rows = await registry.db.reader.rows(`SELECT * FROM "${tablename}"`);
      parts.push(JSON.stringify(rows));
    }
    return parts.join('\n');
  },
};

export function describePrivacy(store: string, start: () => Promise<RunningRegistry>, atRest: AtRest): void {
  describe(`personal data protection on ${store}`, () => {
    let registry: RunningRegistry;
    const platform = (method: 'get' | 'post', path: string) => registry.http()[method](path).set('x-api-key', registry.key('demo-platform'));
    const admin = (path: string) => registry.http().post(path).set('x-api-key', registry.key('bootstrap-admin'));
    const registration = (shopId: string) => {
      const body = aRegistration(shopId);
      body.claims.push({ claimId: 'contact', role: 'contact', subject: { email: 'An.Nguyen@example.vn' } } as never);
      return body;
    };

    beforeAll(async () => {
      registry = await start();
      await platform('post', '/platform/shops').send(registration('p-1')).expect(201);
      await platform('post', '/platform/shops').send(registration('p-2')).expect(201);
      await registry
        .http()
        .post('/partner/attestations')
        .set('x-api-key', registry.key('demo-telecom'))
        .send({ kind: 'phone_subscriber', recordId: 'sub-1', phone: '0987654321', subscriber: { fullName: 'Lê Văn Cường' }, validFrom: '2025-01-01' })
        .expect(201);
      await registry.settle();
    });
    afterAll(() => registry.close());

    it('stores no personal value in clear text anywhere in the database', async () => {
      const stored = await atRest.dump(registry);
      expect(stored.length).toBeGreaterThan(1000);
      expect(stored).toContain('Mỹ phẩm chính hãng Hà Nội');
      for (const value of PERSONAL_VALUES) expect({ value, found: stored.includes(value) }).toEqual({ value, found: false });
    });

    it('keeps the key id and algorithm with each encrypted event', async () => {
      const [, claim] = await registry.store.readStream('shop-demo-platform:p-1');
      expect(claim.personalData).toMatchObject({ algorithm: 'AES-256-GCM', fields: ['subject'], erased: false });
      expect(claim.data).toMatchObject({ subject: { nationalId: '001089012345' } });
    });

    it('shows the owning platform its data decrypted', async () => {
      const shop = await platform('get', '/platform/shops/p-1').expect(200);
      expect(shop.body.claims[0].subject).toMatchObject({ nationalId: '001089012345', fullName: { original: 'Nguyễn Văn An' } });
    });

    it('never writes personal data to the log', () => {
      const logs = registry.logs.join('\n');
      for (const value of PERSONAL_VALUES) expect({ value, found: logs.includes(value) }).toEqual({ value, found: false });
    });

    it('erases a data subject by national ID: every record holding it becomes unreadable, the rest stays', async () => {
      const response = await admin('/admin/erasures')
        .send({ identifier: { kind: 'nationalId', value: '001 089 012 345' }, legalGround: 'data_subject_request', reference: 'PDP-2026-17' })
        .expect(200);
      expect(response.body).toMatchObject({ erasedRecords: 2, legalGround: 'data_subject_request' });

      for (const shopId of ['p-1', 'p-2']) {
        const claims = (await platform('get', `/platform/shops/${shopId}`).expect(200)).body.claims;
        expect(claims.find((c: { claimId: string }) => c.claimId === 'owner').subject).toEqual({ erased: true });
        expect(claims.find((c: { claimId: string }) => c.claimId === 'payout').subject.bankAccount).toBe('VCB:0011004455667');
      }
      const [erasure] = await registry.store.readStream(`erasure-${response.body.erasureId}`);
      expect(erasure).toMatchObject({ type: 'PersonalDataErased', metadata: { principal: 'bootstrap-admin' } });
      expect(erasure.data).toMatchObject({ matchedBy: 'identifier:nationalId', legalGround: 'data_subject_request', reference: 'PDP-2026-17' });
      expect(JSON.stringify(erasure.data)).not.toContain('001089012345');
    });

    it('drops erased records from the personal-data index, and a full rebuild reproduces the erased state', async () => {
      await registry.settle();
      const indexed = async () =>
        (await registry.db.reader.rows<{ key_id: string; kind: string; blind_index: string }>(
          'SELECT key_id, kind, blind_index FROM personal_data_index ORDER BY key_id, kind, blind_index',
        )).map((r) => `${r.key_id}/${r.kind}/${r.blind_index}`);
      const before = await indexed();
      expect(before.some((row) => row.includes('/nationalId/'))).toBe(false);
      expect(before.some((row) => row.includes('/bankAccount/'))).toBe(true);

      const runner = registry.app.get(ProjectionRunner);
      for (const name of runner.names()) await runner.rebuild(name);
      expect(await indexed()).toEqual(before);
      const owner = (await platform('get', '/platform/shops/p-1').expect(200)).body.claims[0];
      expect(owner.subject).toEqual({ erased: true });
    });

    it('erases every record of one shop on request', async () => {
      const response = await admin('/admin/erasures')
        .send({ shop: { platformId: 'demo-platform', shopId: 'p-2' }, legalGround: 'court_order', reference: 'TA-HN-2026-88' })
        .expect(200);
      expect(response.body.erasedRecords).toBe(3);
      const claims = (await platform('get', '/platform/shops/p-2').expect(200)).body.claims;
      expect(claims.every((c: { subject: unknown }) => JSON.stringify(c.subject) === '{"erased":true}')).toBe(true);
    });

    it('refuses an erasure request that names nothing, or both an identifier and a shop', async () => {
      await admin('/admin/erasures').send({ legalGround: 'court_order', reference: 'x' }).expect(400);
      // A name is shared by strangers: erasing "every record of Nguyễn Văn An" would erase theirs too.
      const byName = await admin('/admin/erasures')
        .send({ identifier: { kind: 'personName', value: 'Nguyễn Văn An' }, legalGround: 'data_subject_request', reference: 'x' })
        .expect(400);
      expect(JSON.stringify(byName.body)).toMatch(/identifier\.kind/);
      await admin('/admin/erasures')
        .send({ identifier: { kind: 'phone', value: '0912345678' }, shop: { platformId: 'demo-platform', shopId: 'p-1' }, legalGround: 'court_order', reference: 'x' })
        .expect(400);
      await registry.http().post('/admin/erasures').set('x-api-key', registry.key('demo-platform')).send({}).expect(403);
    });

    it('applies the retention policy through erasure once a shop has been closed long enough', async () => {
      await platform('post', '/platform/shops').send(registration('p-3')).expect(201);
      await platform('post', '/platform/shops/p-3/close').send({ reason: 'seller left' }).expect(200);
      await registry.settle();
      const job = registry.app.get(RetentionJob);
      const inSevenMonths = new Date(Date.now() + 214 * 86_400_000);
      const dryRun = await job.apply(inSevenMonths, true);
      expect(dryRun).toMatchObject({ dryRun: true, byRole: { pickup_point: 1, contact: 1 }, total: 2, erasureId: null });
      const report = await job.apply(inSevenMonths);
      expect(report).toMatchObject({ total: 2, byRole: { pickup_point: 1, contact: 1 } });
      const claims = (await platform('get', '/platform/shops/p-3').expect(200)).body.claims;
      const byId = Object.fromEntries(claims.map((c: { claimId: string; subject: unknown }) => [c.claimId, c.subject]));
      expect(byId.contact).toEqual({ erased: true });
      expect(byId.pickup).toEqual({ erased: true });
      expect(byId.owner).toMatchObject({ nationalId: '001089012345' });
    });

    it('rotates the master key by re-wrapping data keys, leaving the events as they were', async () => {
      const eventsBefore = JSON.stringify(await registry.db.reader.rows('SELECT id, data FROM events ORDER BY position'));
      const keyring = registry.app.get<Keyring>(KEYRING);
      const rotated: Keyring = { ...keyring, masterKeys: [newMasterKey(), ...keyring.masterKeys] };
      const rewrapped = await registry.app.get(DataKeyStore).rewrapAll(rotated);
      expect(rewrapped).toBeGreaterThan(0);
      const masters = await registry.db.reader.rows<{ master_key_id: string | null }>('SELECT DISTINCT master_key_id FROM data_keys WHERE destroyed_at IS NULL');
      expect(masters).toEqual([{ master_key_id: rotated.masterKeys[0].id }]);
      expect(JSON.stringify(await registry.db.reader.rows('SELECT id, data FROM events ORDER BY position'))).toBe(eventsBefore);

      // A fresh key store that knows only the new master key reads every data key.
      const onlyNew = new DataKeyStore(registry.db, { ...rotated, masterKeys: [rotated.masterKeys[0]] });
      const keyIds = (await registry.db.reader.rows<{ key_id: string }>('SELECT key_id FROM data_keys WHERE destroyed_at IS NULL')).map((r) => r.key_id);
      const keys = await onlyNew.keysById(keyIds);
      expect([...keys.values()].every((k) => k !== null && k.length === 32)).toBe(true);
    });
  });
}
