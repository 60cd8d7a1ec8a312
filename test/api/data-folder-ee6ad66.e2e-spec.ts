import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataKeyStore, identifiersOf, keyIdOf, readKeyringFile } from '@registry/privacy';
import { FACT_SELECT, FactRow, factOf } from '@registry/resolution/identity-graph/fact-table';
import { FOLDER_SCENARIO } from '../fixtures/write-data-folder';
import { CASE } from './enforcement.suite';
import { aRegistration } from './shops-api.suite';
import { copyDataFolderFixture, readAsLeft, startOnFolder, stopAndRemove } from '../support/data-folder-fixture';
import { RunningRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

/** Every table that holds a data key id, with the column that holds it. */
const KEY_COLUMNS = [
  ['data_keys', 'key_id'],
  ['data_key_scopes', 'key_id'],
  ['personal_data_records', 'key_id'],
  ['personal_data_index', 'key_id'],
  ['resolution_data_keys', 'data_key'],
] as const;

type KeyIds = Record<string, string[]>;

/**
 * A data folder written by commit ee6ad66 (test/fixtures/data-folder-ee6ad66, by
 * test/fixtures/write-data-folder.ts: data key ids as 17 characters of text in every table) is
 * migrated forward when this version starts on it: each id becomes its 11 bytes where it is
 * (KeyIdsAsBytes1764400290000, DataKeysAsBytes1764400291000), each fact's recorded time its
 * milliseconds and its source position stored only where it differs (LeanerFactRows1764400292000),
 * the old keys open, erase and rotate, and no event is rewritten (issue 12).
 */
describe('a data folder written by commit ee6ad66, started by this version', () => {
  const folder = copyDataFolderFixture('ee6ad66');
  let registry: RunningRegistry;
  let keysBefore: KeyIds;
  let eventsBefore: unknown[];
  let factsBefore: unknown[];
  const EVENTS = 'SELECT position, id, data, metadata FROM events ORDER BY position';
  const keyIdsIn = async (read: (sql: string) => Promise<{ id: string | Buffer }[]>): Promise<KeyIds> => {
    const found: KeyIds = {};
    for (const [table, column] of KEY_COLUMNS) found[table] = (await read(`SELECT ${column} AS id FROM ${table}`)).map((row) => keyIdOf(row.id)).sort();
    return found;
  };

  beforeAll(async () => {
    await readAsLeft(folder, async (file) => {
      keysBefore = await keyIdsIn(async (sql) => file.prepare(sql).all() as { id: string }[]);
      eventsBefore = file.prepare(EVENTS).all();
      factsBefore = (file.prepare(`${FACT_SELECT} ORDER BY f.id`).all() as FactRow[]).map((row) => factOf(row));
    });
    expect(
      Object.values(keysBefore)
        .flat()
        .every((id) => /^[0-9a-v]{17}$/.test(id)),
    ).toBe(true);
    registry = await startOnFolder(folder);
  });
  afterAll(() => stopAndRemove(registry, folder));

  it('holds every data key id it held, each now in 11 bytes, and answers as the earlier version did', async () => {
    expect(await keyIdsIn((sql) => registry.db.reader.rows(sql))).toEqual(keysBefore);
    for (const [table, column] of KEY_COLUMNS) {
      const forms = await registry.db.reader.rows(`SELECT DISTINCT typeof(${column}) AS stored, length(${column}) AS bytes FROM ${table}`);
      expect(forms).toEqual([{ stored: 'blob', bytes: 11 }]);
    }
    const officer = (path: string) => registry.http().get(path).set('x-api-key', registry.key('demo-officer')).set(CASE);
    const answer = await officer('/enforcement/shops/shopee/s1/operator').expect(200);
    const shops = (answer.body as { operator: { shops: { shop: string }[] } }).operator.shops.map((s) => s.shop).sort();
    expect(shops).toEqual((JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { operatorOfShopeeS1: string[] }).operatorOfShopeeS1);
    const [, oldOwner] = await registry.store.readStream('shop-shopee:s1');
    expect(oldOwner.data).toMatchObject({ subject: { nationalId: FOLDER_SCENARIO.nominees.shopee } });
  });

  it('reads every fact of the identity graph as before, from rows with a recorded time in 6 bytes and a source position only where it differs', async () => {
    const rows = await registry.db.reader.rows<FactRow>(`${FACT_SELECT} ORDER BY f.id`);
    expect(rows.map((row) => factOf(row))).toEqual(factsBefore);
    expect(await registry.db.reader.rows('SELECT DISTINCT typeof(recorded_at) AS stored FROM resolution_facts')).toEqual([{ stored: 'integer' }]);
    expect(await registry.db.reader.rows('SELECT COUNT(*) AS n FROM resolution_facts WHERE source_position = added_at')).toEqual([{ n: 0 }]);
  });

  it('erases an old record through the index: its key destroyed, its facts gone from the identity graph', async () => {
    const [, owner] = await registry.store.readStream('shop-lazada:l1');
    const facts = () => registry.db.reader.rows("SELECT f.id FROM resolution_facts f WHERE f.shop = 'lazada:l1' AND f.kind = 2 AND f.role IS NOT NULL");
    const standing = (await facts()).length;
    const erasure = await registry
      .http()
      .post('/admin/erasures')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ identifier: { kind: 'nationalId', value: FOLDER_SCENARIO.nominees.lazada }, legalGround: 'data_subject_request', reference: 'PDP-ee6ad66' })
      .expect(200);
    expect(erasure.body).toMatchObject({ erasedRecords: 1, erased: { values: { nationalId: 1, personName: 1 } } });
    await registry.settle();
    const [erased] = await registry.store.readStream('shop-lazada:l1').then((events) => events.filter((e) => e.id === owner.id));
    expect(erased.personalData).toMatchObject({ keyId: owner.personalData!.keyId, erased: true });
    expect((await facts()).length).toBeLessThan(standing);
    expect((await keyIdsIn((sql) => registry.db.reader.rows(sql))).resolution_data_keys).not.toContain(owner.personalData!.keyId);
  });

  it("stores a new shop's key ids and its records' identifiers in bytes, and a rotation re-wraps old and new keys", async () => {
    await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('after-ee6ad66')).expect(201);
    await registry.settle();
    const records = await registry.db.reader.rows<{ key_id: Buffer; identifiers: Buffer }>(
      "SELECT key_id, identifiers FROM personal_data_records WHERE shop_id = 'after-ee6ad66'",
    );
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.key_id).toHaveLength(11);
      expect(Buffer.isBuffer(record.identifiers) && identifiersOf(record.identifiers).length).toBeGreaterThan(0);
    }
    // The old shop's records too: the index was rebuilt from the events (PersonalTaxCodesIndexedAsNationalIds1764400341000).
    const old = await registry.db.reader.rows<{ identifiers: Buffer }>("SELECT identifiers FROM personal_data_records WHERE shop_id = 's1'");
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((record) => Buffer.isBuffer(record.identifiers) && identifiersOf(record.identifiers).length > 0)).toBe(true);

    const live = (await registry.db.reader.rows<{ key_id: Buffer }>('SELECT key_id FROM data_keys WHERE destroyed_at IS NULL')).map((r) => keyIdOf(r.key_id));
    const rotation = await registry.app.get(DataKeyStore).rotateMasterKey(0);
    expect(rotation.rewrapped).toBe(live.length);
    const onlyNew = await new DataKeyStore(registry.db, readKeyringFile(join(folder, 'secrets.json'))).keysById(live);
    expect([...onlyNew.values()].every((key) => key !== null && key.length === 32)).toBe(true);
  });

  it('rewrites no event', async () => {
    expect((await registry.db.reader.rows(EVENTS)).slice(0, eventsBefore.length)).toEqual(eventsBefore);
  });
});
