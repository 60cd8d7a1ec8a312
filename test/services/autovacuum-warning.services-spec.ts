import { SqlDatabase } from '@registry/event-store';
import { autovacuumWarning } from '@registry/platform/database/autovacuum-warning';
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
