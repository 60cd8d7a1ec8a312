import { Sql, SqlDatabase, SqlEventStore } from '@registry/event-store';
import { FactLog, id } from '../domain/testing/fact-log';
import { countShopsIn, openGraphDatabase, storeFacts } from '../testing/graph-database';
import { KeyCounts } from './key-counts';

describe('the counts of shops stating a key, remembered while the graph does not change', () => {
  let db: SqlDatabase;
  let counted: number;
  let counts: KeyCounts;
  let store: SqlEventStore;
  const log = new FactLog();
  const address = id('address', 'depot-1');
  const key = 'address:depot-1';

  /** The reader, counting the statements that count shops. */
  const watched = (sql: Sql): Sql => ({
    ...sql,
    rows: (text, params) => {
      if (text.includes('COUNT(*) AS n')) counted++;
      return sql.rows(text, params);
    },
  });

  beforeAll(async () => {
    db = await openGraphDatabase();
    for (const shop of ['shopee:a', 'shopee:b', 'lazada:c']) log.claim(shop, 'pickup_point', address);
    await db.write((tx) => storeFacts(tx, log.facts));
    store = new SqlEventStore(db);
    counts = new KeyCounts(watched(db.reader), store);
  });
  afterAll(() => db.close());
  beforeEach(() => (counted = 0));

  const fresh = async (position: number) => (await countShopsIn(db.reader)([key], position)).get(key);

  it('counts a key once for every position the graph did not change at (positions the reads’ own audit events took)', async () => {
    expect((await counts.count([key], 3)).get(key)).toBe(3);
    expect((await counts.count([key], 3)).get(key)).toBe(3);
    expect((await counts.count([key], 40)).get(key)).toBe(3);
    expect(counted).toBe(1);
  });

  it('counts again at a position after a fact was added, and after one was removed', async () => {
    const added = log.claim('tiki:d', 'pickup_point', address);
    expect(added.addedAt).toBe(4);
    await db.write((tx) => storeFacts(tx, [{ ...added, addedAt: 41 }]));
    expect((await counts.count([key], 41)).get(key)).toBe(4);
    await db.write((tx) => tx.run("UPDATE resolution_facts SET removed_at = 42 WHERE shop = 'tiki:d'"));
    expect((await counts.count([key], 42)).get(key)).toBe(3);
    expect(counted).toBe(2);
    expect([await fresh(41), await fresh(42)]).toEqual([4, 3]);
  });

  it('counts again after an erasure, which deletes facts without a position of their own', async () => {
    expect((await counts.count([key], 42)).get(key)).toBe(3);
    await db.write(async (tx) => {
      await tx.run("DELETE FROM resolution_facts WHERE shop = 'lazada:c'");
      await tx.run(
        `INSERT INTO events (position, id, stream, version, type, schema_version, data, metadata, recorded_at)
         VALUES (43, 'e-43', 'erasure-1', 1, 'PersonalDataErased', 1, '{}', '{}', '2026-01-01T00:00:00Z')`,
      );
    });
    expect((await counts.count([key], 43)).get(key)).toBe(2);
    expect(counted).toBe(1);
  });

  it('counts a position before the span afresh, without remembering it', async () => {
    expect((await counts.count([key], 2)).get(key)).toBe(2);
    expect((await counts.count([key], 2)).get(key)).toBe(2);
    expect((await counts.count([key], 43)).get(key)).toBe(2);
    expect(counted).toBe(2);
  });
});
