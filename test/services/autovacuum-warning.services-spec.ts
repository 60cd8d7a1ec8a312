import { SqlDatabase, preparedOnPostgres } from '@registry/event-store';
import { autovacuumWarning } from '@registry/platform/database/autovacuum-warning';
import { preparedReadsWarning } from '@registry/platform/database/prepared-reads-warning';
import { POSTGRES_ADMIN_URL } from '../support/postgres-url';

/** The check at start against a real server: it reads the setting as the server reports it. */
describe('the autovacuum warning on PostgreSQL', () => {
  it('warns exactly when the server reports autovacuum not on, naming the setting', async () => {
    const db = await SqlDatabase.open({ dialect: 'postgres', url: POSTGRES_ADMIN_URL, poolSize: 1 }, { migrations: [] });
    try {
      const [{ autovacuum }] = await db.reader.rows<{ autovacuum: string }>('SHOW autovacuum');

      const warning = await autovacuumWarning(db);

      expect(['on', 'off']).toContain(autovacuum);
      expect(warning).toEqual(autovacuum === 'on' ? null : { msg: expect.any(String), autovacuum });
    } finally {
      await db.close();
    }
  });
});

describe("the prepared reads' plans on PostgreSQL", () => {
  it('keeps one plan for each prepared read, with the startup options the URL names kept too', async () => {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.searchParams.set('options', '-c statement_timeout=61000');
    const db = await SqlDatabase.open({ dialect: 'postgres', url: url.toString(), poolSize: 1 }, { migrations: [] });
    try {
      expect(await preparedReadsWarning(db)).toBeNull();
      // The prepared reads' connection has both settings; the other pool's, the URL's alone.
      expect(await db.reader.rows(SETTINGS_OF_PREPARED_READS)).toEqual([{ mode: 'force_generic_plan', timeout: '61s', prepared: 1 }]);
      expect(await db.reader.rows("SELECT current_setting('plan_cache_mode') AS mode, current_setting('statement_timeout') AS timeout")).toEqual([
        { mode: 'auto', timeout: '61s' },
      ]);
    } finally {
      await db.close();
    }
  });
});

const SETTINGS_OF_PREPARED_READS = preparedOnPostgres(
  "SELECT current_setting('plan_cache_mode') AS mode, current_setting('statement_timeout') AS timeout, 1 AS prepared",
);
