import { Sql } from '@registry/event-store';
import { autovacuumWarning } from './autovacuum-warning';

/** A database whose reader answers SHOW autovacuum with `setting`, and records what it was asked. */
function databaseWith(dialect: 'postgres' | 'sqlite', setting: string) {
  const asked: string[] = [];
  const reader = {
    rows: async (text: string) => {
      asked.push(text);
      return [{ autovacuum: setting }];
    },
  } as unknown as Sql;
  return { db: { dialect, reader }, asked };
}

describe('the autovacuum warning at start', () => {
  it('given PostgreSQL with autovacuum off, names the setting and where to read why', async () => {
    const { db, asked } = databaseWith('postgres', 'off');

    const warning = await autovacuumWarning(db);

    expect(asked).toEqual(['SHOW autovacuum']);
    expect(warning).toEqual({ msg: expect.stringContaining('docs/operations.md#postgresql'), autovacuum: 'off' });
  });

  it('given PostgreSQL with autovacuum on, says nothing', async () => {
    expect(await autovacuumWarning(databaseWith('postgres', 'on').db)).toBeNull();
  });

  it('given the embedded SQLite store, asks nothing and says nothing', async () => {
    const { db, asked } = databaseWith('sqlite', 'off');

    expect(await autovacuumWarning(db)).toBeNull();
    expect(asked).toEqual([]);
  });
});
