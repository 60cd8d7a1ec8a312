import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTemporarySqlite } from '../../../../test/support/databases';
import { describeProcessorContract, describeProjectionContract, describeSqlEventStoreContract, events } from '../testing';
import { eventStoreMigrations } from './migrations';
import { SqlDatabase } from './sql-database';
import { SqlEventStore } from './sql-event-store';

jest.setTimeout(30_000);

const open = () => openTemporarySqlite({ migrations: eventStoreMigrations });

describeSqlEventStoreContract('SQLite', open);
describeProjectionContract('SQLite', open);
describeProcessorContract('SQLite', open);

describe('event store on SQLite: event ids', () => {
  it('stores a UUID in small letters as its 16 bytes and one in capitals as its text, and reads both back as given', async () => {
    const db = await open();
    const store = new SqlEventStore(db);
    try {
      const stream = `shop-${randomUUID()}`;
      const ids = [randomUUID(), randomUUID().toUpperCase()];
      await store.append(
        stream,
        ids.map((id) => ({ ...events(1)[0], id })),
        'no_stream',
      );
      const stored = await db.reader.rows<{ kind: string; bytes: number }>(
        'SELECT typeof(id) AS kind, length(CAST(id AS BLOB)) AS bytes FROM events ORDER BY version',
      );
      expect(stored).toEqual([
        { kind: 'blob', bytes: 16 },
        { kind: 'text', bytes: 36 },
      ]);
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual(ids);
      await expect(
        store.append(
          stream,
          ids.map((id) => ({ ...events(1)[0], id })),
          'no_stream',
        ),
      ).resolves.toMatchObject({ nextVersion: 2 });
    } finally {
      await store.close();
      await db.close();
    }
  });
});

describe('event store on SQLite: two processes on one file', () => {
  it('refuses an append at a version it saw, once the other process moved the stream on, and takes one at the new version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-test-'));
    const file = join(dir, 'registry.sqlite');
    const [dbA, dbB] = [
      await SqlDatabase.open({ dialect: 'sqlite', file }, { migrations: eventStoreMigrations }),
      await SqlDatabase.open({ dialect: 'sqlite', file }, { migrations: eventStoreMigrations }),
    ];
    const [a, b] = [new SqlEventStore(dbA), new SqlEventStore(dbB)];
    try {
      const stream = `shop-${randomUUID()}`;
      await a.append(stream, events(2), 'no_stream');
      await b.append(stream, events(1), 2);
      await expect(a.append(stream, events(1), 2)).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 3 });
      await expect(a.append(stream, events(1), 3)).resolves.toMatchObject({ nextVersion: 4 });
      expect((await b.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    } finally {
      await a.close();
      await b.close();
      await dbA.close();
      await dbB.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('event store on SQLite: compact rows beside those of earlier versions', () => {
  it("stores a new event's data, metadata and time in one BLOB, reads it and older text rows alike, and finds positions by time across both", async () => {
    const db = await open();
    const store = new SqlEventStore(db, undefined, undefined, () => new Date('2026-03-01T10:00:00.000Z'));
    try {
      const old = `shop-${randomUUID()}`;
      const metadata = { correlationId: randomUUID(), causationId: null, principal: 'platform:lazada' };
      await db.write((tx) =>
        tx.run('INSERT INTO events (id, stream, version, type, schema_version, data, metadata, recorded_at) VALUES ($1, $2, 1, $3, 1, $4, $5, $6)', [
          randomUUID(),
          old,
          'ShopRegistered',
          JSON.stringify({ shopId: 's1' }),
          JSON.stringify([metadata.correlationId, metadata.principal]),
          '2026-02-01T00:00:00.000Z',
        ]),
      );
      const stream = `shop-${randomUUID()}`;
      const appended = await store.append(
        stream,
        [{ id: randomUUID(), type: 'ShopRegistered', data: { shopId: 's2', name: 'Sức khỏe' }, metadata }],
        'no_stream',
      );
      const kinds = await db.reader.rows(
        "SELECT typeof(data) AS data, typeof(metadata) AS metadata, typeof(recorded_at) AS time, substr(data, 1, 1) = x'02' AS whole, metadata || recorded_at AS columns FROM events ORDER BY position",
      );
      expect(kinds).toEqual([
        {
          data: 'text',
          metadata: 'text',
          time: 'text',
          whole: 0,
          columns: `${JSON.stringify([metadata.correlationId, metadata.principal])}2026-02-01T00:00:00.000Z`,
        },
        { data: 'blob', metadata: 'text', time: 'text', whole: 1, columns: '' },
      ]);
      const all = await store.readAll(1, 10);
      expect(all.map(({ data, metadata, recordedAt }) => ({ data, metadata, recordedAt }))).toEqual([
        { data: { shopId: 's1' }, metadata, recordedAt: '2026-02-01T00:00:00.000Z' },
        { data: { shopId: 's2', name: 'Sức khỏe' }, metadata, recordedAt: '2026-03-01T10:00:00.000Z' },
      ]);
      expect(await store.positionAt('2026-01-31T23:59:59.999Z')).toBe(0);
      expect(await store.positionAt('2026-02-01T00:00:00.000Z')).toBe(all[0].position);
      expect(await store.positionAt('2026-03-01T09:59:59.999Z')).toBe(all[0].position);
      expect(await store.positionAt('2026-03-01T10:00:00.000Z')).toBe(appended.positions[0]);
    } finally {
      await store.close();
      await db.close();
    }
  });
});
