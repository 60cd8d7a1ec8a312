import { openTemporarySqlite } from '../../../../test/support/databases';
import { SqlDatabase } from './sql-database';

describe('SqlDatabase.writeDeferred', () => {
  let db: SqlDatabase;
  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [] });
    await db.write((tx) => tx.run('CREATE TABLE notes (text TEXT NOT NULL)'));
  });
  afterEach(() => db.close());

  const notes = async () => (await db.reader.rows<{ text: string }>('SELECT text FROM notes ORDER BY rowid')).map((r) => r.text);

  it('runs a statement through `last` on its own when nothing began the transaction: it stays when the work then fails', async () => {
    await expect(
      db.writeDeferred(async (tx) => {
        await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['alone']);
        throw new Error('after the statement');
      }),
    ).rejects.toThrow('after the statement');
    expect(await notes()).toEqual(['alone']);
  });

  it('begins the transaction at the first statement through `tx`, and `last` then joins it: both roll back together', async () => {
    await expect(
      db.writeDeferred(async (tx) => {
        await tx.run('INSERT INTO notes (text) VALUES ($1)', ['first']);
        await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['last']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await notes()).toEqual([]);
  });

  it('commits what the work wrote once it resolves', async () => {
    await db.writeDeferred(async (tx) => {
      await tx.run('INSERT INTO notes (text) VALUES ($1)', ['first']);
      await tx.last.run('INSERT INTO notes (text) VALUES ($1)', ['last']);
    });
    expect(await notes()).toEqual(['first', 'last']);
  });
});
