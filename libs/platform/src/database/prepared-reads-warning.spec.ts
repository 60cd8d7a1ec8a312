import { Sql } from '@registry/event-store';
import { preparedReadsWarning } from './prepared-reads-warning';

/** A database whose reader answers the plan_cache_mode setting with `mode`, and records what it was asked. */
function databaseWith(dialect: 'postgres' | 'sqlite', mode: string) {
  const asked: string[] = [];
  const reader = {
    rows: async (text: string) => {
      asked.push(text);
      return [{ mode }];
    },
  } as unknown as Sql;
  return { db: { dialect, reader }, asked };
}

describe('the prepared reads warning at start', () => {
  it("given PostgreSQL whose prepared reads' connections plan at every run, names the setting and where to read why", async () => {
    const { db, asked } = databaseWith('postgres', 'auto');

    const warning = await preparedReadsWarning(db);

    expect(asked).toEqual(["SELECT current_setting('plan_cache_mode') AS mode"]);
    expect(warning).toEqual({ msg: expect.stringContaining('docs/operations.md#postgresql'), planCacheMode: 'auto' });
  });

  it('given PostgreSQL whose prepared reads keep one plan each, says nothing', async () => {
    expect(await preparedReadsWarning(databaseWith('postgres', 'force_generic_plan').db)).toBeNull();
  });

  it('given the embedded SQLite store, asks nothing and says nothing', async () => {
    const { db, asked } = databaseWith('sqlite', 'auto');

    expect(await preparedReadsWarning(db)).toBeNull();
    expect(asked).toEqual([]);
  });
});
