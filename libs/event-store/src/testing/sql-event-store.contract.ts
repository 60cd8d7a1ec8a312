import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { Sql } from '../sql/sql';
import { describeCommandRunner } from './command-runner.contract';
import { describeEventStoreContract } from './event-store.contract';

/** The port contract run on the SQL adapter, the caller's transactions taken on the same database. */
export function describeSqlEventStoreContract(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  const open = async () => {
    const db = await openDatabase();
    const store = new SqlEventStore(db);
    return {
      store,
      transaction: <T>(work: (tx: Sql) => Promise<T>) => db.write(work),
      close: async () => (await store.close(), await db.close()),
    };
  };
  describeEventStoreContract(dialect, open);
  describeCommandRunner(dialect, open);
}
