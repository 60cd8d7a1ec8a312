import { Sql, SqlDatabase } from '@registry/event-store';
import { FactLog, id } from '../domain/testing/fact-log';
import { FactRow } from '../identity-graph/fact-table';
import { openGraphDatabase, storeFacts } from '../testing/graph-database';
import { ShopFacts } from './shop-facts';

describe("shops' facts read once for the walks of a refresh", () => {
  let db: SqlDatabase;
  let log: FactLog;

  beforeEach(async () => {
    db = await openGraphDatabase();
    log = new FactLog();
    log.register('s1'); // 1
    log.claim('s1', 'payout_account', id('bankAccount', 'b1')); // 2
    log.register('s2'); // 3
    log.link('s1', 's2'); // 4
    log.claim('s1', 'contact', id('phone', '0901')); // 5
    log.register('s3'); // 6
    await store();
  });
  afterEach(async () => {
    await db.close();
  });

  const store = () =>
    db.write(async (tx) => {
      await tx.run('DELETE FROM resolution_facts');
      await storeFacts(tx, log.facts);
    });
  /** The reader, counting the statements asked through it. */
  const counting = (): Sql & { asked: number } => {
    const sql = {
      dialect: db.reader.dialect,
      asked: 0,
      rows: <T>(text: string, params?: readonly unknown[]) => {
        sql.asked++;
        return db.reader.rows<T>(text, params);
      },
      run: (text: string, params?: readonly unknown[]) => db.reader.run(text, params),
    };
    return sql;
  };
  const facts = (rows: readonly FactRow[]) =>
    rows.map((row) => `${row.fact_id ?? '?'}@${row.added_at}${row.removed_at === null ? '' : `-${row.removed_at}`}`).sort();

  it('gives a walk at an earlier point the rows added by then, a link once, and reads each shop once', async () => {
    const sql = counting();
    const shopFacts = new ShopFacts(6);
    expect(facts(await shopFacts.of(sql, ['s1', 's2'], 6))).toEqual(facts(await shopFacts.of(db.reader, ['s1', 's2'], 6)));
    expect(await shopFacts.of(sql, ['s1', 's2'], 6)).toHaveLength(5);
    expect((await shopFacts.of(sql, ['s1'], 3)).map((row) => Number(row.added_at)).sort()).toEqual([1, 2]);
    expect((await shopFacts.of(sql, ['s2'], 4)).map((row) => Number(row.added_at)).sort()).toEqual([3, 4]);
    expect(sql.asked).toBe(1);
    await expect(shopFacts.of(sql, ['s1'], 7)).rejects.toThrow('up to 6');
  });

  it('carries the rows of the shops it was asked about to a later point, and reads again the shops a change names', async () => {
    const shopFacts = new ShopFacts(6);
    await shopFacts.of(db.reader, ['s1', 's2'], 6);
    const phone = log.facts.find((fact) => fact.kind === 'shopIdentifier' && fact.identifier.kind === 'phone')!;
    log.remove(phone); // 7
    log.claim('s3', 'contact', id('email', 'e@x.vn')); // 8
    await store();

    const sql = counting();
    const carried = shopFacts.carriedTo(8, new Set(['s1', 's3']));
    expect(carried.upTo).toBe(8);
    // s1 read again, its phone's row now saying when it was removed; s2, which no change names, as carried.
    const rows = await carried.of(sql, ['s1', 's2'], 8);
    expect(sql.asked).toBe(1);
    expect(Number(rows.find((row) => Number(row.added_at) === 5)?.removed_at)).toBe(7);
    expect(facts(rows)).toEqual(facts(await new ShopFacts(8).of(db.reader, ['s1', 's2'], 8)));
    // s3, which no walk asked about before, is read.
    expect(facts(await carried.of(sql, ['s3'], 8))).toEqual(facts(await new ShopFacts(8).of(db.reader, ['s3'], 8)));
    expect(sql.asked).toBe(2);
  });
});
