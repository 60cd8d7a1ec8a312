import { storedEventData } from '@registry/event-store';
import { IdentityGraphReader } from '@registry/resolution';
import { identifiersOf } from '@registry/privacy';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLDER_SCENARIO } from '../fixtures/write-data-folder';
import { CASE } from './enforcement.suite';
import { aRegistration } from './shops-api.suite';
import { copyDataFolderFixture, stopAndRemove } from '../support/data-folder-fixture';
import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

/**
 * A data folder written by an earlier version (test/fixtures/data-folder-6a627a4: the identity graph
 * with a JSON body per fact) is migrated forward when this version starts on it: the graph is
 * rebuilt from the events, none of which is rewritten, and answers as it did.
 */
describe('a data folder written by commit 6a627a4, started by this version', () => {
  const folder = copyDataFolderFixture('6a627a4');
  let registry: RunningRegistry;
  let eventsBefore: unknown[];

  beforeAll(async () => {
    registry = await startRegistry({ REGISTRY_DATA_DIR: folder });
    eventsBefore = await registry.db.reader.rows('SELECT position, data FROM events ORDER BY position');
    await registry.settle();
  });
  afterAll(() => stopAndRemove(registry, folder));

  const officer = (path: string) => registry.http().get(path).set('x-api-key', registry.key('demo-officer')).set(CASE);
  const operatorOf = async (platformId: string, shopId: string) => {
    const response = await officer(`/enforcement/shops/${platformId}/${shopId}/operator`).expect(200);
    return (response.body as { operator: { shops: { shop: string }[] } }).operator.shops.map((s) => s.shop).sort();
  };
  const named = async (kind: string, value: string) =>
    (await registry.db.reader.rows('SELECT id FROM resolution_names WHERE name = $1', [registry.app.get(IdentityGraphReader).keyOf(kind, value)])).length;

  it('rebuilds the identity graph in the lean table and finds the operator the earlier version found', async () => {
    const columns = (await registry.db.reader.rows<{ name: string }>('SELECT name FROM pragma_table_info($1)', ['resolution_facts'])).map((c) => c.name);
    expect(columns).not.toContain('body');
    const before = JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { operatorOfShopeeS1: string[] };
    expect(await operatorOf('shopee', 's1')).toEqual(before.operatorOfShopeeS1);
  });

  it('stores each name of the graph once, and a claim source as what follows its shop stream', async () => {
    const indexes = await registry.db.reader.rows<{ name: string }>("SELECT name FROM pragma_index_list('resolution_names')");
    expect(indexes.map((index) => index.name)).toEqual(['resolution_names_hash']);
    const sources = await registry.db.reader.rows<{ name: string }>(
      'SELECT DISTINCT n.name FROM resolution_facts f JOIN resolution_names n ON n.id = f.source WHERE f.kind = 2 ORDER BY n.name', // kind 2: what a claim states
    );
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((source) => source.name.startsWith('#claim:'))).toBe(true);
  });

  it('keeps what the earlier version erased erased, and erases what it is asked to now, blind indexes included', async () => {
    expect(await named('nationalId', FOLDER_SCENARIO.nominees.tiktok)).toBe(0);
    expect(await named('nationalId', FOLDER_SCENARIO.nominees.lazada)).toBe(1);
    await registry
      .http()
      .post('/admin/erasures')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ identifier: { kind: 'nationalId', value: FOLDER_SCENARIO.nominees.lazada }, legalGround: 'data_subject_request', reference: 'PDP-folder-2' })
      .expect(200);
    await registry.settle();
    expect(await named('nationalId', FOLDER_SCENARIO.nominees.lazada)).toBe(0);
    expect(await named('bankAccount', `VCB:${FOLDER_SCENARIO.account}`)).toBe(1);
    expect(await operatorOf('lazada', 'l1')).toEqual(['lazada:l1', 'shopee:s1', 'tiktok:t1']);
  });

  it('keeps every data key and personal-data record in the leaner rows; new claims are sealed in the compact form, old ones still read', async () => {
    const columns = async (table: string) =>
      (await registry.db.reader.rows<{ name: string }>('SELECT name FROM pragma_table_info($1)', [table])).map((c) => c.name);
    expect(await columns('data_keys')).not.toContain('created_at');
    expect(await columns('personal_data_records')).not.toContain('stream');
    const keys = await registry.db.reader.rows<{ key_id: string }>('SELECT key_id FROM data_keys');
    expect(keys.length).toBeGreaterThanOrEqual(9);
    // Each record's identifiers beside it (BlindIndexesWithTheirRecord1764400281000), indexed again from the
    // events (PersonalTaxCodesIndexedAsNationalIds1764400341000): a kind and 22 characters of blind index each.
    const records = await registry.db.reader.rows<{ identifiers: Buffer }>('SELECT identifiers FROM personal_data_records');
    const stored = records.flatMap((r) => identifiersOf(r.identifiers));
    expect(stored.length).toBeGreaterThanOrEqual(9);
    expect([...new Set(stored.map((entry) => entry.blind.length))]).toEqual([22]);

    await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('after-upgrade')).expect(201);
    const [, claim] = await registry.db.reader.rows<{ data: Buffer }>('SELECT data FROM events WHERE stream = $1 ORDER BY version', [
      'shop-demo-platform:after-upgrade',
    ]);
    expect((storedEventData(claim.data) as { $s: string }).$s).toMatch(/^[0-9a-v]{17}\.subject\./);
    const [, oldClaim] = await registry.store.readStream('shop-shopee:s1'); // sealed in the first form
    expect(oldClaim.personalData).toMatchObject({ algorithm: 'AES-256-GCM', erased: false });
    expect(JSON.stringify(oldClaim.data)).not.toContain('$personal');
  });

  it('keeps the audit trail of the reads the earlier version answered, findable by shop, in a table kept in key order', async () => {
    const [table] = await registry.db.reader.rows<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'enforcement_audit_subjects'");
    expect(table.sql).toMatch(/WITHOUT ROWID$/);
    const search = (shop: string) =>
      registry.http().post('/admin/enforcement-audit/search').set('x-api-key', registry.key('bootstrap-admin')).send({ shop }).expect(200);
    const before = (await search('lazada:l1')).body as { records: { auditId: string }[] };
    expect(before.records.length).toBeGreaterThan(0);
    await operatorOf('lazada', 'l1');
    await registry.settle();
    const after = (await search('lazada:l1')).body as { records: { auditId: string }[] };
    expect(after.records.slice(0, before.records.length)).toEqual(before.records);
    expect(after.records.length).toBeGreaterThan(before.records.length);
  });

  it('rewrites no event', async () => {
    const now = await registry.db.reader.rows('SELECT position, data FROM events ORDER BY position');
    expect(now.slice(0, eventsBefore.length)).toEqual(eventsBefore);
  });
});
