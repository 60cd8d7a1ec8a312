import { IdentityGraphReader } from '@registry/resolution';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE, owner, payout, shop } from './enforcement.suite';
import { startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

describe('a data folder written before the operator view', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-view-migration-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates forward on start, and the view is built from the identity graph it holds, answering as the walk does', async () => {
    const before = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    for (const [shopId, nationalId] of [
      ['mig-1', '001089012401'],
      ['mig-2', '001189012402'],
      ['mig-3', '001089012403'],
    ])
      await before
        .http()
        .post('/platform/shops')
        .set('x-api-key', before.key('demo-platform'))
        .send(shop(shopId, [owner('o', 'Nguyễn Văn An', nationalId), payout('p', '9700112233')]))
        .expect(201);
    await before.settle();
    // What the folder holds when an earlier release wrote it: no view tables, no record of their migration, no view checkpoint.
    await before.db.write(async (tx) => {
      for (const table of ['operator_view_shops', 'operator_view_operators', 'operator_view_state']) await tx.run(`DROP TABLE ${table}`);
      await tx.run("DELETE FROM migrations WHERE name IN ('CreateOperatorView1764400050000', 'CountedKeysInOperatorView1764400300000')");
      await tx.run("DELETE FROM projection_checkpoints WHERE name = 'operator-view'");
    });
    await before.close();

    const after = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    try {
      await after.settle();
      const viewed = await after.db.reader.rows<{ shop: string; operator_id: string }>('SELECT shop, operator_id FROM operator_view_shops ORDER BY shop');
      expect(viewed.map((row) => row.shop)).toEqual(['demo-platform:mig-1', 'demo-platform:mig-2', 'demo-platform:mig-3']);
      expect(new Set(viewed.map((row) => row.operator_id)).size).toBe(1);
      const reader = after.app.get(IdentityGraphReader);
      const answer = await reader.operatorOf(viewed[0].shop);
      expect(answer).toEqual(await reader.walkedOperatorOf(viewed[0].shop, answer.point));
      const http = await after
        .http()
        .get(`/enforcement/shops/${viewed[0].shop.replace(':', '/')}/operator`)
        .set('x-api-key', after.key('demo-officer'))
        .set(CASE);
      expect(http.status).toBe(200);
      expect(http.body.operator.shops).toHaveLength(3);
    } finally {
      await after.close();
    }
  });
});

describe('a data folder whose operator view keeps answers as JSON', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-packed-view-migration-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('empties the view on start, reads walk meanwhile, and the next batch builds it again in the compact form', async () => {
    const before = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    for (const [shopId, nationalId] of [
      ['pk-1', '001089012411'],
      ['pk-2', '001189012412'],
    ])
      await before
        .http()
        .post('/platform/shops')
        .set('x-api-key', before.key('demo-platform'))
        .send(shop(shopId, [owner('o', 'Trần Thị Bình', nationalId), payout('p', '9700112244')]))
        .expect(201);
    await before.settle();
    // What the folder holds when an earlier release wrote it: answers as JSON, no record of the migration.
    const viewed = await before.db.reader.rows<{ operator_id: string }>('SELECT operator_id FROM operator_view_operators');
    const walked = await before.app
      .get(IdentityGraphReader)
      .walkedOperatorOf('demo-platform:pk-1', (await before.app.get(IdentityGraphReader).operatorOf('demo-platform:pk-1')).point);
    await before.db.write(async (tx) => {
      for (const { operator_id } of viewed)
        await tx.run('UPDATE operator_view_operators SET answer = $1 WHERE operator_id = $2', [JSON.stringify({ old: 'form' }), operator_id]);
      await tx.run("DELETE FROM migrations WHERE name = 'PackedOperatorView1764400120000'");
    });
    await before.close();

    const after = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    try {
      await after.settle();
      expect(await after.db.reader.rows('SELECT operator_id FROM operator_view_operators')).toEqual([]);
      const reader = after.app.get(IdentityGraphReader);
      expect(await reader.operatorOf('demo-platform:pk-1')).toEqual(walked);
      const http = await after.http().get('/enforcement/shops/demo-platform/pk-1/operator').set('x-api-key', after.key('demo-officer')).set(CASE);
      expect(http.status).toBe(200);
      expect(http.body.operator.shops).toHaveLength(2);
      // The read's audit record is a batch: the projection builds the view again.
      await after.settle();
      const answers = await after.db.reader.rows<{ answer: Buffer }>('SELECT answer FROM operator_view_operators');
      expect(answers).toHaveLength(1);
      expect(Buffer.isBuffer(answers[0].answer)).toBe(true);
      const answer = await reader.operatorOf('demo-platform:pk-1');
      expect(answer).toEqual(await reader.walkedOperatorOf('demo-platform:pk-1', answer.point));
    } finally {
      await after.close();
    }
  });
});

describe('a data folder whose operator view keeps answers as packed text', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-deflated-view-migration-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('empties the view on start, reads walk meanwhile, and the next batch builds it again deflated', async () => {
    const before = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    for (const [shopId, nationalId] of [
      ['df-1', '001089012421'],
      ['df-2', '001189012422'],
    ])
      await before
        .http()
        .post('/platform/shops')
        .set('x-api-key', before.key('demo-platform'))
        .send(shop(shopId, [owner('o', 'Lê Văn Cường', nationalId), payout('p', '9700112255')]))
        .expect(201);
    await before.settle();
    const reader = before.app.get(IdentityGraphReader);
    const walked = await reader.walkedOperatorOf('demo-platform:df-1', (await reader.operatorOf('demo-platform:df-1')).point);
    // What the folder holds when the release before wrote it: answers as packed text, shops in a rowid table, no record of the migration.
    const shops = await before.db.reader.rows<{ shop: string; operator_id: string }>('SELECT shop, operator_id FROM operator_view_shops');
    const operators = await before.db.reader.rows<{ operator_id: string; source_positions: string }>(
      'SELECT operator_id, source_positions FROM operator_view_operators',
    );
    await before.db.write(async (tx) => {
      await tx.run('DROP TABLE operator_view_operators');
      await tx.run('DROP TABLE operator_view_shops');
      await tx.run(
        'CREATE TABLE operator_view_operators (operator_id TEXT PRIMARY KEY, answer TEXT NOT NULL, source_positions TEXT NOT NULL, truncated INTEGER NOT NULL)',
      );
      await tx.run('CREATE TABLE operator_view_shops (shop TEXT PRIMARY KEY, operator_id TEXT NOT NULL)');
      await tx.run('CREATE INDEX operator_view_shops_operator ON operator_view_shops (operator_id)');
      for (const { operator_id, source_positions } of operators)
        await tx.run('INSERT INTO operator_view_operators VALUES ($1, $2, $3, 0)', [operator_id, '[["packed"],[],[0]]', source_positions]);
      for (const { shop: viewedShop, operator_id } of shops) await tx.run('INSERT INTO operator_view_shops VALUES ($1, $2)', [viewedShop, operator_id]);
      await tx.run("DELETE FROM migrations WHERE name IN ('DeflatedOperatorView1764400220000', 'CountedKeysInOperatorView1764400300000')");
    });
    await before.close();

    const after = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    try {
      await after.settle();
      expect(await after.db.reader.rows('SELECT operator_id FROM operator_view_operators')).toEqual([]);
      expect(await after.db.reader.rows('SELECT shop FROM operator_view_shops')).toEqual([]);
      const readerAfter = after.app.get(IdentityGraphReader);
      expect(await readerAfter.operatorOf('demo-platform:df-1')).toEqual(walked);
      const http = await after.http().get('/enforcement/shops/demo-platform/df-1/operator').set('x-api-key', after.key('demo-officer')).set(CASE);
      expect(http.status).toBe(200);
      expect(http.body.operator.shops).toHaveLength(2);
      // The read's audit record is a batch: the projection builds the view again, deflated.
      await after.settle();
      const answers = await after.db.reader.rows<{ answer: Buffer }>('SELECT answer FROM operator_view_operators');
      expect(answers).toHaveLength(1);
      expect(Buffer.isBuffer(answers[0].answer)).toBe(true);
      expect(await after.db.reader.rows('SELECT shop FROM operator_view_shops ORDER BY shop')).toEqual([
        { shop: 'demo-platform:df-1' },
        { shop: 'demo-platform:df-2' },
      ]);
      const answer = await readerAfter.operatorOf('demo-platform:df-1');
      expect(answer).toEqual(await readerAfter.walkedOperatorOf('demo-platform:df-1', answer.point));
    } finally {
      await after.close();
    }
  });
});

describe('a data folder whose operator view keeps no counts per identifier', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-key-shops-migration-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts on start at the view’s point, and reads size their leads from those counts as the walk does', async () => {
    const before = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    // Three unrelated shops whose owners share a name (a lead), one of them twice over.
    for (const [shopId, nationalId, account] of [
      ['ks-1', '001089012421', '9700112251'],
      ['ks-2', '001189012422', '9700112252'],
      ['ks-3', '001089012423', '9700112253'],
    ])
      await before
        .http()
        .post('/platform/shops')
        .set('x-api-key', before.key('demo-platform'))
        .send(shop(shopId, [owner('o', 'Đỗ Thị Hoa', nationalId), payout('p', account)]))
        .expect(201);
    await before
      .http()
      .post('/platform/shops')
      .set('x-api-key', before.key('demo-platform'))
      .send(shop('ks-4', [owner('o', 'Đỗ Thị Hoa', '001089012424'), owner('o2', 'Đỗ Thị Hoa', '001089012424')]))
      .expect(201);
    await before.settle();
    const counts = () => before.db.reader.rows('SELECT key, shops FROM operator_view_key_shops ORDER BY key');
    const kept = await counts();
    expect(kept).toContainEqual({ key: expect.any(Number), shops: 4 });
    // What the folder holds when an earlier release wrote it: no counts, no record of their migration.
    await before.db.write(async (tx) => {
      await tx.run('DROP TABLE operator_view_key_shops');
      await tx.run("DELETE FROM migrations WHERE name = 'KeyShopsInOperatorView1764400210000'");
    });
    await before.close();

    const after = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    try {
      expect(await after.db.reader.rows('SELECT key, shops FROM operator_view_key_shops ORDER BY key')).toEqual(kept);
      const reader = after.app.get(IdentityGraphReader);
      const answer = await reader.operatorOf('demo-platform:ks-1');
      expect(answer.operator?.leads).toContainEqual({ identifier: { kind: 'personName', value: 'Đỗ Thị Hoa' }, shopCount: 4, moreThan: false });
      expect(answer).toEqual(await reader.walkedOperatorOf('demo-platform:ks-1', answer.point));
    } finally {
      await after.close();
    }
  });
});

describe('a data folder whose operator view keeps no numbers of the keys its answers count', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-counted-keys-migration-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads its rows counted by name until the view writes them again, then by the numbers, as the walk does', async () => {
    const before = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    // Two unrelated shops whose owners share a name (a lead).
    for (const [shopId, nationalId, account] of [
      ['ck-1', '001089012431', '9700112261'],
      ['ck-2', '001189012432', '9700112262'],
    ])
      await before
        .http()
        .post('/platform/shops')
        .set('x-api-key', before.key('demo-platform'))
        .send(shop(shopId, [owner('o', 'Phan Văn Khải', nationalId), payout('p', account)]))
        .expect(201);
    await before.settle();
    expect(await before.db.reader.rows('SELECT COUNT(*) AS n FROM operator_view_operators WHERE counted_keys IS NULL')).toEqual([{ n: 0 }]);
    // What the folder holds when an earlier release wrote it: no such column, no record of its migration.
    await before.db.write(async (tx) => {
      await tx.run('ALTER TABLE operator_view_operators DROP COLUMN counted_keys');
      await tx.run("DELETE FROM migrations WHERE name = 'CountedKeysInOperatorView1764400300000'");
    });
    await before.close();

    const after = await startRegistry({ REGISTRY_DATA_DIR: dataDir });
    try {
      expect(await after.db.reader.rows('SELECT COUNT(*) AS n FROM operator_view_operators WHERE counted_keys IS NOT NULL')).toEqual([{ n: 0 }]);
      const reader = after.app.get(IdentityGraphReader);
      const lead = { identifier: { kind: 'personName', value: 'Phan Văn Khải' }, shopCount: 2, moreThan: false };
      const old = await reader.operatorOf('demo-platform:ck-1');
      expect(old.operator?.leads).toContainEqual(lead);
      expect(old).toEqual(await reader.walkedOperatorOf('demo-platform:ck-1', old.point));
      // A third shop of that name: the view writes the operators it touches again, with their keys' numbers.
      await after
        .http()
        .post('/platform/shops')
        .set('x-api-key', after.key('demo-platform'))
        .send(shop('ck-3', [owner('o', 'Phan Văn Khải', '001089012433'), payout('p', '9700112263')]))
        .expect(201);
      await after.settle();
      expect(await after.db.reader.rows('SELECT COUNT(*) AS n FROM operator_view_operators WHERE counted_keys IS NOT NULL')).toEqual([{ n: 1 }]);
      const counted = await reader.operatorOf('demo-platform:ck-3');
      expect(counted.operator?.leads).toContainEqual({ ...lead, shopCount: 3 });
      expect(counted).toEqual(await reader.walkedOperatorOf('demo-platform:ck-3', counted.point));
      const untouched = await reader.operatorOf('demo-platform:ck-1');
      expect(untouched.operator?.leads).toContainEqual({ ...lead, shopCount: 3 });
      expect(untouched).toEqual(await reader.walkedOperatorOf('demo-platform:ck-1', untouched.point));
    } finally {
      await after.close();
    }
  });
});
