import { openTemporarySqlite } from '../../../../test/support/databases';
import { insertRows } from './insert-rows';
import { rowsAmong } from './rows-where-in';
import { Sql } from './sql';
import { SqlDatabase } from './sql-database';

/**
 * On SQLite every new statement text is converted and prepared (a 98 KB insert took about 10 ms),
 * so the statements made for a number of rows or values come in a few shapes, whatever the number.
 */
describe('SQLite statements for many rows or values: a few shapes, every row', () => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE t (n INTEGER NOT NULL, label TEXT NOT NULL)'));
  });
  afterEach(() => db.close());

  /** The transaction, with the texts of the statements run through it. */
  const recording = (tx: Sql, texts: Set<string>): Sql => ({
    dialect: tx.dialect,
    rows: (text, params) => (texts.add(text), tx.rows(text, params)),
    run: (text, params) => (texts.add(text), tx.run(text, params)),
  });

  it('given inserts of 1 to 300 rows, every row is stored, in statements of 9 shapes (1, 2, 4, … 256 rows)', async () => {
    const texts = new Set<string>();
    let stored = 0;
    for (let count = 1; count <= 300; count++) {
      const rows = Array.from({ length: count }, (_, n) => [stored + n, `row ${stored + n}`]);
      await db.write((tx) => insertRows(recording(tx, texts), 't', ['n', 'label'], rows));
      stored += count;
    }

    expect(texts.size).toBe(9);
    const [{ rows, unique_rows }] = await db.reader.rows<{ rows: number; unique_rows: number }>(
      'SELECT count(*) AS rows, count(DISTINCT n) AS unique_rows FROM t',
    );
    expect({ rows: Number(rows), unique: Number(unique_rows) }).toEqual({ rows: stored, unique: stored });
  });

  it('given lookups of 1 to 600 values, each finds exactly its rows, in statements whose lists hold a power of two values, 512 at most', async () => {
    await db.write((tx) =>
      insertRows(
        tx,
        't',
        ['n', 'label'],
        Array.from({ length: 600 }, (_, n) => [n, `row ${n}`]),
      ),
    );
    const texts = new Set<string>();
    for (const count of [1, 3, 7, 100, 257, 511, 512, 513, 600]) {
      const values = Array.from({ length: count }, (_, n) => 599 - n);
      const found = await rowsAmong<{ n: number }>(recording(db.reader, texts), values, (among) => `SELECT n FROM t WHERE n ${among}`);
      expect(found.map((row) => Number(row.n)).sort((a, b) => b - a)).toEqual(values);
    }

    expect([...texts].map((text) => text.split('$').length - 1).sort((a, b) => a - b)).toEqual([1, 4, 8, 128, 512]);
  });
});
