import { randomUUID } from 'node:crypto';
import { SqlDatabase } from '../sql/sql-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { Sql } from '../sql/sql';
import { EventIdConflictError } from '../errors';
import { events } from './event-fixtures';
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
  describeStoredRows(dialect, openDatabase);
}

/** What the rows hold: metadata in its short form, and rows written by earlier versions read as they are. */
function describeStoredRows(dialect: string, openDatabase: () => Promise<SqlDatabase>): void {
  describe(`event rows: ${dialect}`, () => {
    let db: SqlDatabase;
    let store: SqlEventStore;
    beforeEach(async () => {
      db = await openDatabase();
      store = new SqlEventStore(db);
    });
    afterEach(async () => (await store.close(), await db.close()));

    /** JSON as it is; on SQLite, the empty column of metadata held at the head of the data (compact-data.ts form 2) by the length of that head. */
    const storedMetadata = async (stream: string) =>
      (await db.reader.rows<{ metadata: unknown; data: unknown }>('SELECT metadata, data FROM events WHERE stream = $1 ORDER BY version', [stream])).map(
        (r) => {
          if (r.metadata === '') return { inData: (r.data as Buffer)[7] };
          return typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata;
        },
      );

    it('stores the usual metadata without its names (on SQLite as bytes), and any other as written, reading both back the same', async () => {
      const stream = `shop-${randomUUID()}`;
      const usual = { correlationId: randomUUID(), causationId: null, principal: 'platform:shopee' };
      const caused = { correlationId: 'retention-2026', causationId: randomUUID(), principal: 'system:retention' };
      const extra = { correlationId: randomUUID(), causationId: null, principal: 'officer:1', reason: { case: 'C-1' } };
      const event = (metadata: object) => ({ id: randomUUID(), type: 'ThingHappened', data: {}, metadata: metadata as typeof usual });
      await store.append(stream, [event(usual), event(caused), event(extra)], 'no_stream');
      expect(await storedMetadata(stream)).toEqual([
        db.dialect === 'sqlite' ? { inData: 1 + 16 + usual.principal.length } : [usual.correlationId, usual.principal],
        [caused.correlationId, caused.principal, caused.causationId],
        extra,
      ]);
      expect((await store.readStream(stream)).map((e) => e.metadata)).toEqual([usual, caused, extra]);
    });

    it('reads an event an earlier version stored, its metadata an object, as it was stored', async () => {
      const stream = `shop-${randomUUID()}`;
      const metadata = { correlationId: randomUUID(), causationId: null, principal: 'platform:lazada' };
      const id = randomUUID();
      await db.write((tx) =>
        tx.run('INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at) VALUES ($1, $2, 1, $3, 1, $4, $5, $6)', [
          id,
          stream,
          'ShopRegistered',
          JSON.stringify({ shopId: 's1' }),
          JSON.stringify(metadata),
          '2026-01-02T03:04:05.678Z',
        ]),
      );
      const [stored] = await store.readStream(stream);
      expect(stored).toMatchObject({
        id,
        stream,
        version: 1,
        type: 'ShopRegistered',
        data: { shopId: 's1' },
        metadata,
        recordedAt: '2026-01-02T03:04:05.678Z',
      });
      await expect(store.append(stream, [{ id, type: 'ShopRegistered', data: { shopId: 's1' }, metadata }], 'no_stream')).resolves.toMatchObject({
        nextVersion: 1,
      });
      const other = `shop-${randomUUID()}`;
      await store.append(other, events(1), 'no_stream');
      const again = [{ id, type: 'ShopRegistered', data: {}, metadata }];
      await expect(store.append(other, again, 1)).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(store.append(`shop-${randomUUID()}`, again, 'any')).rejects.toBeInstanceOf(EventIdConflictError);
      expect((await store.readStream(other)).map((e) => e.version)).toEqual([1]);
    });
  });
}
