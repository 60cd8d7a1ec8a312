import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { describeEventStoreContract } from './event-store.contract';

/** The port contract run on the SQL adapter, the caller's transactions taken on the same database. */
export function describeSqlEventStoreContract(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  describeEventStoreContract(dialect, async () => {
    const db = await openDatabase();
    const store = new SqlEventStore(db);
    return {
      store,
      transaction: (work) => db.write(work),
      close: async () => (await store.close(), await db.close()),
    };
  });
}
