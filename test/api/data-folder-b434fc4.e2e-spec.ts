import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLDER_SCENARIO } from '../fixtures/write-data-folder';
import { CASE } from './enforcement.suite';
import { aRegistration } from './shops-api.suite';
import { copyDataFolderFixture, readAsLeft, startOnFolder, stopAndRemove } from '../support/data-folder-fixture';
import { RunningRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

interface RawEvent {
  position: number;
  id: string | Buffer;
  stream: string;
  version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * A data folder written by commit b434fc4 (test/fixtures/data-folder-b434fc4, by
 * test/fixtures/write-data-folder.ts: event ids as text, metadata as objects, an index on
 * `recorded_at`) is migrated forward when this version starts on it: the index goes, no event is
 * rewritten, old events read as they were, and new ones are stored in the leaner form (issue 12).
 */
describe('a data folder written by commit b434fc4, started by this version', () => {
  const folder = copyDataFolderFixture('b434fc4');
  let registry: RunningRegistry;
  let before: RawEvent[];
  const raw = () => registry.db.reader.rows<RawEvent>('SELECT position, id, stream, version, data, metadata, recorded_at FROM events ORDER BY position');

  beforeAll(async () => {
    before = await readAsLeft(
      folder,
      (file) => file.prepare('SELECT position, id, stream, version, data, metadata, recorded_at FROM events ORDER BY position').all() as RawEvent[],
    );
    registry = await startOnFolder(folder);
  });
  afterAll(() => stopAndRemove(registry, folder));

  it('drops the index on recorded_at and still finds the position at a time of the old events', async () => {
    expect(await registry.db.reader.rows("SELECT name FROM sqlite_master WHERE name = 'events_recorded_at'")).toEqual([]);
    const times = [...new Set(before.map((e) => e.recorded_at))];
    expect(times.length).toBeGreaterThan(3);
    for (const time of times) {
      const last = Math.max(...before.filter((e) => e.recorded_at <= time).map((e) => e.position));
      expect(await registry.store.positionAt(time)).toBe(last);
    }
  });

  it('reads the old events with their text ids and object metadata as they were stored, and takes one sent again as a retry', async () => {
    expect(before.every((e) => typeof e.id === 'string' && JSON.parse(e.metadata).principal !== undefined)).toBe(true);
    const read = await registry.store.readAll(0, before.length);
    expect(read.map((e) => [e.position, e.id, e.metadata])).toEqual(before.map((e) => [e.position, e.id, JSON.parse(e.metadata)]));
    const [first] = await registry.store.readStream('shop-shopee:s1');
    const retry = await registry.store.append(first.stream, [{ id: first.id, type: first.type, data: first.data, metadata: first.metadata }], 'no_stream');
    expect(retry).toEqual({ nextVersion: 1, positions: [first.position] });
  });

  it('answers as the earlier version did, and stores new events with 16-byte ids and metadata with the data', async () => {
    const officer = (path: string) => registry.http().get(path).set('x-api-key', registry.key('demo-officer')).set(CASE);
    const answer = await officer('/enforcement/shops/shopee/s1/operator').expect(200);
    const shops = (answer.body as { operator: { shops: { shop: string }[] } }).operator.shops.map((s) => s.shop).sort();
    expect(shops).toEqual((JSON.parse(readFileSync(join(folder, 'read-before.json'), 'utf8')) as { operatorOfShopeeS1: string[] }).operatorOfShopeeS1);

    await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('after-b434fc4')).expect(201);
    const added = (await raw()).filter((e) => e.stream === 'shop-demo-platform:after-b434fc4');
    expect(added.length).toBeGreaterThan(1);
    for (const event of added) {
      expect(Buffer.isBuffer(event.id) && event.id.length === 16).toBe(true);
      expect(event.metadata).toBe(''); // held with the data (compact-data.ts form 2)
    }
    const [registered] = await registry.store.readStream('shop-demo-platform:after-b434fc4');
    expect(registered.metadata).toMatchObject({ causationId: null, principal: expect.any(String), correlationId: expect.any(String) });
  });

  it('holds the personal-data index (rebuilt from the events on start) with kinds as letters, and erases through it', async () => {
    const kinds = (await registry.db.reader.rows<{ kind: string }>('SELECT DISTINCT kind FROM personal_data_index ORDER BY kind')).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['b', 'i', 'n']));
    expect(kinds.every((kind) => kind.length === 1)).toBe(true);
    const erasure = await registry
      .http()
      .post('/admin/erasures')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ identifier: { kind: 'nationalId', value: FOLDER_SCENARIO.nominees.lazada }, legalGround: 'data_subject_request', reference: 'PDP-b434fc4' })
      .expect(200);
    expect(erasure.body).toMatchObject({ erasedRecords: 1, erased: { values: { nationalId: 1, personName: 1 } } });
  });

  it('rewrites no event', async () => {
    expect((await raw()).slice(0, before.length)).toEqual(before);
  });
});
