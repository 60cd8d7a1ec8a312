import { DataKeyStore, Keyring, RetentionJob, identifiersOf, keyIdOf, kindOf, open, readKeyringFile, storedKeyId, unwrapKey } from '@registry/privacy';
import { KEYRING } from '@registry/platform';
import { Processor } from '@registry/event-store';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../apps/registry/src/cli';
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
  /**
   * The files on disk as the storage left them, WAL included, as text; null where they cannot be
   * read. `since` (ms): PostgreSQL's WAL is the whole server's, so only the segments written since then.
   */
  rawFiles(registry: RunningRegistry, since: number): Promise<string | null>;
  /** Whether deleted rows are gone from the files once erasures are final (SQLite), or only unreadable (PostgreSQL: dead tuples, WAL). */
  readonly zeroesDeletedRows: boolean;
}

const latin1 = (file: string) => readFileSync(file).toString('latin1');

export const sqliteFilesAtRest: AtRest = {
  async dump(registry) {
    return readdirSync(registry.dataDir)
      .filter((f) => f.startsWith('registry.sqlite'))
      .map((f) => readFileSync(join(registry.dataDir, f)).toString('latin1') + readFileSync(join(registry.dataDir, f)).toString('utf8'))
      .join('\n');
  },
  async rawFiles(registry) {
    return readdirSync(registry.dataDir)
      .filter((f) => f.startsWith('registry.sqlite'))
      .map((f) => latin1(join(registry.dataDir, f)))
      .join('\n');
  },
  zeroesDeletedRows: true,
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
  async rawFiles(registry, since) {
    // The database's files as they are once shared buffers are written out, and the WAL segments
    // written since the test began. Every database on the server writes the same WAL: another suite's
    // writes beside this one (the graph properties) made a scan from the file's start read segments
    // by the hundred, and pass the test's time.
    await registry.db.writer.query('CHECKPOINT');
    const [{ dir }] = await registry.db.reader.rows<{ dir: string }>(
      "SELECT current_setting('data_directory') || '/base/' || oid AS dir FROM pg_database WHERE datname = current_database()",
    );
    const wal = join(dir, '..', '..', 'pg_wal');
    try {
      const segments = readdirSync(wal)
        .filter((f) => /^[0-9A-F]{24}$/.test(f) && statSync(join(wal, f)).mtimeMs >= since - 1000)
        .map((f) => join(wal, f));
      return [...readdirSync(dir).map((f) => join(dir, f)), ...segments].map(latin1).join('\n');
    } catch {
      return null; // the data directory belongs to another user: the design check still holds
    }
  },
  zeroesDeletedRows: false,
};

/** Wrapped data keys as the first version stored them (`{"iv":…,"ct":…,"tag":…}`, a 32-byte key inside) anywhere in the text. */
function jsonWrappedKeysIn(text: string): { iv: string; ct: string; tag: string }[] {
  return [...text.matchAll(/"iv":"([A-Za-z0-9+/]{16})","ct":"([A-Za-z0-9+/]{43}=)","tag":"([A-Za-z0-9+/]{22}==)"/g)].map(([, iv, ct, tag]) => ({
    iv,
    ct,
    tag,
  }));
}

/**
 * Wrapped data keys as stored now (80 base64 characters: IV, a 32-byte key, tag) anywhere in the
 * text: every 80-character window of each run of base64 characters short enough to hold one with
 * its neighbours (the bytes beside a column's text in a page may be base64 characters too).
 */
function compactWrappedKeysIn(text: string): Buffer[] {
  const found: Buffer[] = [];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/]{80,160}/g))
    for (let at = 0; at + 80 <= run.length; at++) found.push(Buffer.from(run.slice(at, at + 80), 'base64'));
  return found;
}

/**
 * Wrapped data keys as bytes in a row beside their key id (as text, or as SQLite stores it in 11
 * bytes): every window of 40 bytes (key wrap) or 60 (AES-GCM before it: IV, a 32-byte key, tag)
 * that starts within a few bytes after an occurrence of the id (a column's length header, or the
 * padding before the next column, comes between).
 */
function bytesWrappedKeysIn(text: string, keyIds: readonly string[]): { keyId: string; sealed: Buffer }[] {
  const found: { keyId: string; sealed: Buffer }[] = [];
  for (const keyId of keyIds)
    for (const stored of new Set([keyId, storedKeyId('sqlite', keyId).toString('latin1')]))
      for (let at = text.indexOf(stored); at !== -1; at = text.indexOf(stored, at + 1))
        for (let gap = 0; gap <= 16; gap++)
          for (const length of [40, 60])
            found.push({ keyId, sealed: Buffer.from(text.slice(at + stored.length + gap, at + stored.length + gap + length), 'latin1') });
  return found.filter(({ sealed }) => sealed.length === 40 || sealed.length === 60);
}

/** The copies in `text` that give an erased key back to whoever holds `keyring`: the erased key id by ciphertext (as base64). */
function recoverable(text: string, keyIds: readonly string[], keyring: Keyring): Map<string, string> {
  const found = new Map<string, string>();
  const candidates = [
    ...[...jsonWrappedKeysIn(text), ...compactWrappedKeysIn(text)].flatMap((sealed) => keyIds.map((keyId) => ({ keyId, sealed }))),
    ...bytesWrappedKeysIn(text, keyIds),
  ];
  for (const { keyId, sealed } of candidates) {
    for (const master of keyring.masterKeys) {
      try {
        if (Buffer.isBuffer(sealed) && sealed.length === 40) unwrapKey(master.key, sealed, keyId);
        else open(master.key, sealed, keyId);
        found.set(Buffer.isBuffer(sealed) ? sealed.toString('base64') : sealed.ct, keyId);
      } catch {
        // another key, another master key: not this one
      }
    }
  }
  return found;
}

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
        [
          ...(
            await registry.db.reader.rows<{ key_id: string | Buffer; identifiers: string | Buffer }>('SELECT key_id, identifiers FROM personal_data_records')
          ).flatMap((r) => identifiersOf(r.identifiers).map(({ kind, blind }) => `${keyIdOf(r.key_id)}/${kindOf(kind)}/${blind}`)),
          ...(
            await registry.db.reader.rows<{ key_id: string | Buffer; kind: string; blind_prefix: string }>(
              'SELECT key_id, kind, blind_prefix FROM personal_data_index',
            )
          ).map((r) => `lookup ${keyIdOf(r.key_id)}/${kindOf(r.kind)}/${r.blind_prefix}`),
        ].sort();
      const before = await indexed();
      expect(before.some((row) => row.includes('/nationalId/'))).toBe(false);
      expect(before.some((row) => row.includes('/bankAccount/'))).toBe(true);

      const runner = registry.app.get(Processor);
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

    it('erases by national ID the records where the person gave it as their tax code (a personal tax code is the ID number)', async () => {
      const owner = (shopId: string, subject: object) => ({
        shopId,
        displayName: `Shop ${shopId}`,
        category: 'cosmetics',
        claims: [{ claimId: 'owner', role: 'declared_owner', subject: { fullName: 'Đỗ Thị Thuế', ...subject } }],
      });
      await platform('post', '/platform/shops')
        .send(owner('p-tax-1', { nationalId: '001190012377' }))
        .expect(201);
      await platform('post', '/platform/shops')
        .send(owner('p-tax-2', { taxCode: '001190012377' }))
        .expect(201);
      await registry.settle();
      const response = await admin('/admin/erasures')
        .send({ identifier: { kind: 'nationalId', value: '001190012377' }, legalGround: 'data_subject_request', reference: 'PDP-2026-40' })
        .expect(200);
      expect(response.body).toMatchObject({ erasedRecords: 2 });
      for (const shopId of ['p-tax-1', 'p-tax-2']) {
        const [claim] = (await platform('get', `/platform/shops/${shopId}`).expect(200)).body.claims;
        expect(claim.subject).toEqual({ erased: true });
      }
    });

    it('refuses an erasure request that names nothing, or both an identifier and a shop', async () => {
      await admin('/admin/erasures').send({ legalGround: 'court_order', reference: 'x' }).expect(400);
      // A name is shared by strangers: erasing "every record of Nguyễn Văn An" would erase theirs too.
      const byName = await admin('/admin/erasures')
        .send({ identifier: { kind: 'personName', value: 'Nguyễn Văn An' }, legalGround: 'data_subject_request', reference: 'x' })
        .expect(400);
      expect(JSON.stringify(byName.body)).toMatch(/identifier\.kind/);
      await admin('/admin/erasures')
        .send({
          identifier: { kind: 'phone', value: '0912345678' },
          shop: { platformId: 'demo-platform', shopId: 'p-1' },
          legalGround: 'court_order',
          reference: 'x',
        })
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
      const keyFile = registry.app.get<Keyring>(KEYRING).file!;
      const old = readKeyringFile(keyFile).masterKeys.map((k) => k.id);
      const rotation = await registry.app.get(DataKeyStore).rotateMasterKey(0);
      expect(rotation).toMatchObject({ rewrapped: expect.any(Number), destroyed: old });
      expect(rotation.rewrapped).toBeGreaterThan(0);
      expect(JSON.stringify(await registry.db.reader.rows('SELECT id, data FROM events ORDER BY position'))).toBe(eventsBefore);

      // A fresh key store that knows only the key file, which holds only the new master key, reads every data key.
      const onlyNew = new DataKeyStore(registry.db, readKeyringFile(keyFile));
      expect(readKeyringFile(keyFile).masterKeys.map((k) => k.id)).toEqual([rotation.masterKeyId]);
      const keyIds = (await registry.db.reader.rows<{ key_id: string | Buffer }>('SELECT key_id FROM data_keys WHERE destroyed_at IS NULL')).map((r) =>
        keyIdOf(r.key_id),
      );
      const keys = await onlyNew.keysById(keyIds);
      expect([...keys.values()].every((k) => k !== null && k.length === 32)).toBe(true);
    });

    it('refuses to rotate while another rotation holds the key file, and leaves the keys as they were', async () => {
      const keyFile = registry.app.get<Keyring>(KEYRING).file!;
      const before = readFileSync(keyFile, 'utf8');
      writeFileSync(`${keyFile}.rotating`, '1\n');
      try {
        await expect(registry.app.get(DataKeyStore).rotateMasterKey(0)).rejects.toThrow(/another master-key rotation is under way/);
      } finally {
        rmSync(`${keyFile}.rotating`);
      }
      expect(readFileSync(keyFile, 'utf8')).toBe(before);
    });

    describe('erasing a person erases every personal value of theirs', () => {
      const DUNG = ['001190034567', '+84938111222', 'dung.pham@example.vn', '190355667788', 'Phạm Thị Dung', 'pham thi dung', 'Lý Thường Kiệt'];
      const officer = (method: 'get' | 'post', path: string) =>
        registry
          .http()
          [method](path)
          .set('x-api-key', registry.key('demo-officer'))
          .set({ 'x-case-reference': 'QLTT-2026-9', 'x-purpose': 'judicial_request' });
      const search = async (kind: string, value: string) =>
        ((await officer('post', '/enforcement/identifier-searches').send({ kind, value }).expect(200)).body.shops as { shop: string }[])
          .map((s) => s.shop)
          .sort();
      const shop = (shopId: string, claims: object[]) => ({ shopId, displayName: `Cửa hàng ${shopId}`, claims });
      const dung = { fullName: 'Phạm Thị Dung', nationalId: '001190034567', phone: '0938 111 222', email: 'Dung.Pham@example.vn' };
      const account = { bankCode: 'tcb', accountNumber: '1903 5566 7788' };
      const shown = async () =>
        JSON.stringify([
          ...(await Promise.all(['d-1', 'd-2'].map(async (id) => (await platform('get', `/platform/shops/${id}`).expect(200)).body))),
          ...(await Promise.all(['d-1', 'd-2'].map(async (id) => (await platform('get', `/platform/shops/${id}/history`).expect(200)).body))),
          ...(await Promise.all(['d-1', 'd-2'].map(async (id) => (await officer('get', `/enforcement/shops/demo-platform/${id}/history`).expect(200)).body))),
          ...(await Promise.all(['d-1', 'd-2'].map(async (id) => (await officer('get', `/enforcement/shops/demo-platform/${id}/operator`).expect(200)).body))),
        ]);
      let erasure: { body: Record<string, unknown> };

      beforeAll(async () => {
        // Her own claims on d-1 (her payout account in her own name, a pickup point with her phone),
        // her e-mail and account as another shop's contact and payout, the bank's word on her account,
        // and a stranger who gave her phone on d-3.
        await platform('post', '/platform/shops')
          .send(
            shop('d-1', [
              { claimId: 'owner', role: 'declared_owner', subject: dung },
              { claimId: 'payout', role: 'payout_account', subject: { fullName: 'Phạm Thị Dung', bankAccount: account } },
              { claimId: 'pickup', role: 'pickup_point', subject: { address: '45 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', phone: '0938111222' } },
            ]),
          )
          .expect(201);
        await platform('post', '/platform/shops')
          .send(
            shop('d-2', [
              { claimId: 'owner', role: 'declared_owner', subject: { fullName: 'Võ Văn Em', nationalId: '001088076543', phone: '0977 333 444' } },
              { claimId: 'contact', role: 'contact', subject: { email: 'dung.pham@example.vn' } },
              { claimId: 'payout', role: 'payout_account', subject: { bankAccount: account } },
            ]),
          )
          .expect(201);
        await platform('post', '/platform/shops')
          .send(
            shop('d-3', [{ claimId: 'owner', role: 'declared_owner', subject: { fullName: 'Đỗ Văn Giang', nationalId: '001087011223', phone: '0938111222' } }]),
          )
          .expect(201);
        await registry
          .http()
          .post('/partner/attestations')
          .set('x-api-key', registry.key('demo-bank'))
          .send({
            kind: 'bank_account_holder',
            recordId: 'dung-acct',
            account,
            holder: { fullName: 'Phạm Thị Dung', nationalId: '001190034567' },
            validFrom: '2024-01-01',
          })
          .expect(201);
        await registry.settle();
        const before = await shown();
        for (const value of ['+84938111222', 'dung.pham@example.vn', 'TCB:190355667788', 'Phạm Thị Dung', 'Lý Thường Kiệt'])
          expect({ value, shown: before.includes(value) }).toEqual({ value, shown: true });
        expect(await search('email', 'dung.pham@example.vn')).toEqual(['demo-platform:d-1', 'demo-platform:d-2']);

        erasure = await admin('/admin/erasures')
          .send({ identifier: { kind: 'nationalId', value: '001190034567' }, legalGround: 'data_subject_request', reference: 'PDP-2026-41' })
          .expect(200);
        await registry.settle();
      });

      it('says what it erased, by kind and count, and what it left to the other person who gave her phone', () => {
        expect(erasure.body).toMatchObject({
          erasedRecords: 6,
          keptRecordsNamingOthers: 1,
          erased: {
            values: { nationalId: 2, phone: 2, email: 2, bankAccount: 3, personName: 3, address: 1 },
            records: { declared_owner: 1, payout_account: 2, pickup_point: 1, contact: 1, BankAccountHolderAttested: 1 },
          },
        });
      });

      it('leaves none of her values in the shop GET and history, nor in the enforcement history and network routes', async () => {
        const after = await shown();
        for (const value of [...DUNG, 'TCB:190355667788']) expect({ value, shown: after.includes(value) }).toEqual({ value, shown: false });
        const d2 = (await platform('get', '/platform/shops/d-2').expect(200)).body.claims;
        expect(d2.find((c: { claimId: string }) => c.claimId === 'owner').subject).toMatchObject({ nationalId: '001088076543' });
      });

      it('finds her shops by her phone, e-mail or account no more; the stranger who gave her phone keeps his record', async () => {
        expect(await search('phone', '0938111222')).toEqual(['demo-platform:d-3']);
        expect(await search('email', 'dung.pham@example.vn')).toEqual([]);
        expect(await search('bankAccount', 'TCB:190355667788')).toEqual([]);
        const d3 = (await platform('get', '/platform/shops/d-3').expect(200)).body.claims[0];
        expect(d3.subject).toMatchObject({ nationalId: '001087011223', phone: '+84938111222' });
      });
    });

    describe('one data key per shop, role and person (issue 12)', () => {
      const hoa = { fullName: 'Đặng Thị Hoa', nationalId: '079190000111' };
      const keyOf = async () =>
        Object.fromEntries(
          (await registry.store.readStream('shop-demo-platform:k-1'))
            .filter((e) => e.type === 'ClaimAdded')
            .map((e) => [String((e.data as { claimId: string }).claimId), e.personalData!.keyId]),
        );

      beforeAll(async () => {
        await platform('post', '/platform/shops')
          .send({
            shopId: 'k-1',
            displayName: 'Cửa hàng k-1',
            claims: [
              { claimId: 'owner', role: 'declared_owner', subject: hoa },
              {
                claimId: 'payout',
                role: 'payout_account',
                subject: { fullName: hoa.fullName, bankAccount: { bankCode: 'acb', accountNumber: '7001 0000 11' } },
              },
              {
                claimId: 'payout-2',
                role: 'payout_account',
                subject: { fullName: hoa.fullName, bankAccount: { bankCode: 'acb', accountNumber: '7002 0000 22' } },
              },
              // A namesake with an ID number of her own: another person.
              { claimId: 'legal', role: 'legal_representative', subject: { fullName: hoa.fullName, nationalId: '079190000222' } },
              { claimId: 'pickup', role: 'pickup_point', subject: { address: '9 Lê Lợi, Huế', phone: '0903000111' } },
              { claimId: 'warehouse', role: 'pickup_point', subject: { address: '10 Lê Lợi, Huế', phone: '0903000222' } },
            ],
          })
          .expect(201);
        await registry.settle();
      });

      it('shares a key between the claims of one role about one person, and keeps apart other people, roles and records that name no one', async () => {
        const keys = await keyOf();
        expect(keys.payout).toBe(keys['payout-2']);
        expect(new Set(Object.values(keys)).size).toBe(5);
        const scopes = await registry.db.reader.rows<{ scope: string }>("SELECT scope FROM data_key_scopes WHERE scope LIKE 'shop-demo-platform:k-1#%'");
        // Owner, payout accounts, namesake: each subject as a keyed digest, no name or ID number in
        // clear. The pickup points name no one: a key each, under no scope (a claim is added once).
        expect(scopes).toHaveLength(3);
        for (const { scope } of scopes) expect(scope).toMatch(/^shop-demo-platform:k-1#[A-Za-z0-9_-]{16}$/);
      });

      it('erases what a key per claim erased: both accounts in her name, neither her namesake nor the owner it cannot tell is her', async () => {
        const response = await admin('/admin/erasures')
          .send({ identifier: { kind: 'bankAccount', value: 'ACB:7002000022' }, legalGround: 'data_subject_request', reference: 'PDP-2026-77' })
          .expect(200);
        expect(response.body).toMatchObject({ erasedRecords: 1, keptRecordsNamingOthers: 2, erased: { records: { payout_account: 1 } } });
        const claims = (await platform('get', '/platform/shops/k-1').expect(200)).body.claims as { claimId: string; subject: unknown }[];
        const byId = Object.fromEntries(claims.map((c) => [c.claimId, c.subject]));
        expect([byId.payout, byId['payout-2']]).toEqual([{ erased: true }, { erased: true }]);
        expect(byId.owner).toMatchObject({ nationalId: hoa.nationalId });
        expect(byId.legal).toMatchObject({ nationalId: '079190000222' });
        expect(byId.pickup).toMatchObject({ phone: '+84903000111' });
      });
    });

    it('makes erasures final: after finalize-erasures no copy of an erased key opens with the secrets left, and no erased value is in the files', async () => {
      const began = Date.now();
      await platform('post', '/platform/shops')
        .send({
          shopId: 'f-1',
          displayName: 'Cửa hàng f-1',
          claims: [
            { claimId: 'owner', role: 'declared_owner', subject: { fullName: 'Ngô Thị Hạnh', nationalId: '001195055667', email: 'hanh.ngo@example.vn' } },
          ],
        })
        .expect(201);
      await registry.settle();
      const response = await admin('/admin/erasures')
        .send({ identifier: { kind: 'nationalId', value: '001195055667' }, legalGround: 'data_subject_request', reference: 'PDP-2026-42' })
        .expect(200);
      const [event] = await registry.store.readStream(`erasure-${response.body.erasureId}`);
      const erased = (event.data as { keyIds: string[] }).keyIds;
      const keyFile = registry.app.get<Keyring>(KEYRING).file!;
      const secretsBefore = readKeyringFile(keyFile);

      const before = await atRest.rawFiles(registry, began);
      const copies = before === null ? new Map<string, string>() : recoverable(before, erased, secretsBefore);
      if (before !== null) expect(new Set(copies.values())).toEqual(new Set(erased));

      const printed: string[] = [];
      const exitCode = await runCli('finalize-erasures', [], registry.env, {
        result: (text) => printed.push(text),
        usage: (text) => printed.push(text),
        log: { write: () => undefined },
      });
      expect(exitCode).toBe(0);
      const report = JSON.parse(printed.join(''));
      expect(report).toMatchObject({ erasedKeys: expect.any(Number), masterKey: { destroyed: secretsBefore.masterKeys.map((k) => k.id) } });
      expect(report.erasedKeys).toBeGreaterThanOrEqual(erased.length);

      const secretsAfter = readKeyringFile(keyFile);
      expect(secretsAfter.masterKeys.map((k) => k.id)).toEqual([report.masterKey.id]);
      const after = await atRest.rawFiles(registry, began);
      if (after !== null) {
        expect(recoverable(after, erased, secretsAfter).size).toBe(0);
        for (const value of ['001195055667', 'hanh.ngo@example.vn', 'Ngô Thị Hạnh', 'ngo thi hanh'])
          expect({ value, found: after.includes(value) }).toEqual({ value, found: false });
        // A copy is looked for as it was found: base64 text, or the wrapped key's bytes.
        const stillThere = (ct: string) => after.includes(ct) || after.includes(Buffer.from(ct, 'base64').toString('latin1'));
        if (atRest.zeroesDeletedRows) expect([...copies.keys()].filter(stillThere)).toEqual([]);
      }

      // The service follows the rotation: what it registers next is wrapped under the new key, and
      // every live key opens with the key file alone.
      await platform('post', '/platform/shops').send(registration('f-2')).expect(201);
      expect((await platform('get', '/platform/shops/f-2').expect(200)).body.claims[0].subject).toMatchObject({ nationalId: '001089012345' });
      const fromFile = new DataKeyStore(registry.db, readKeyringFile(keyFile));
      const live = (await registry.db.reader.rows<{ key_id: string | Buffer }>('SELECT key_id FROM data_keys WHERE destroyed_at IS NULL')).map((r) =>
        keyIdOf(r.key_id),
      );
      expect([...(await fromFile.keysById(live)).values()].every((k) => k !== null && k.length === 32)).toBe(true);
    });
  });
}
