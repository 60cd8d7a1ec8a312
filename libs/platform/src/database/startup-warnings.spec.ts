import { Sql } from '@registry/event-store';
import { autovacuumWarning } from './autovacuum-warning';
import { preparedReadsWarning } from './prepared-reads-warning';

/** A database whose reader answers every statement with `row`, and records what it was asked. */
function databaseWith(dialect: 'postgres' | 'sqlite', row: object) {
  const asked: string[] = [];
  const reader = {
    rows: async (text: string) => {
      asked.push(text);
      return [row];
    },
  } as unknown as Sql;
  return { db: { dialect, reader }, asked };
}

describe.each([
  {
    warning: 'the autovacuum warning',
    check: autovacuumWarning,
    asks: 'SHOW autovacuum',
    bad: { autovacuum: 'off' },
    good: { autovacuum: 'on' },
    reported: { autovacuum: 'off' },
  },
  {
    warning: 'the prepared reads warning',
    check: preparedReadsWarning,
    asks: "SELECT current_setting('plan_cache_mode') AS mode",
    bad: { mode: 'auto' },
    good: { mode: 'force_generic_plan' },
    reported: { planCacheMode: 'auto' },
  },
])('$warning at start', ({ check, asks, bad, good, reported }) => {
  it('given PostgreSQL with the setting not as the registry needs it, names the setting and where to read why', async () => {
    const { db, asked } = databaseWith('postgres', bad);

    const warning = await check(db);

    expect(asked).toEqual([asks]);
    expect(warning).toEqual({ msg: expect.stringContaining('docs/operations.md#postgresql'), ...reported });
  });

  it('given PostgreSQL with the setting as the registry needs it, says nothing', async () => {
    expect(await check(databaseWith('postgres', good).db)).toBeNull();
  });

  it('given the embedded SQLite store, asks nothing and says nothing', async () => {
    const { db, asked } = databaseWith('sqlite', bad);

    expect(await check(db)).toBeNull();
    expect(asked).toEqual([]);
  });
});
