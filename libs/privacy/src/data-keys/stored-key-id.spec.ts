import { timeOrderedId } from '@registry/event-store';
import Database from 'better-sqlite3';
import { dataKeyId, dataKeyIdFrom } from './data-key-id';
import { keyIdOf, storedKeyId, storedKeyIdFrom, storedKeyIdSql } from './stored-key-id';

describe('a data key id as SQLite stores it', () => {
  const ids = [dataKeyId(Date.UTC(2026, 0, 1)), dataKeyId(Date.UTC(2026, 0, 1)), dataKeyId(Date.UTC(2031, 6, 9)), 'vvvvvvvvvvvvvvvvv', '00000000000000000'];

  it('takes 11 bytes for 17 characters, and reads back as the same id', () => {
    for (const id of ids) {
      const stored = storedKeyId('sqlite', id);
      expect(stored).toHaveLength(11);
      expect(keyIdOf(stored)).toBe(id);
    }
  });

  it('sorts as the characters do, after a time prefix of its milliseconds and after the UUIDs of the first keys', () => {
    const database = new Database(':memory:');
    database.exec('CREATE TABLE ids (key_id TEXT PRIMARY KEY) WITHOUT ROWID');
    const uuid = timeOrderedId();
    for (const id of [...ids, uuid]) database.prepare('INSERT INTO ids VALUES (?)').run(storedKeyId('sqlite', id));
    const sorted = database.prepare('SELECT key_id FROM ids ORDER BY key_id').all() as { key_id: string | Buffer }[];
    expect(sorted.map((row) => keyIdOf(row.key_id))).toEqual([uuid, ...[...ids].sort()]);
    const from = database
      .prepare('SELECT key_id FROM ids WHERE key_id >= ? ORDER BY key_id')
      .all(storedKeyIdFrom('sqlite', dataKeyIdFrom(Date.UTC(2031, 6, 9))));
    expect(from.map((row) => keyIdOf((row as { key_id: Buffer }).key_id))).toEqual([ids[2], ids[3]]);
    database.close();
  });

  it('is what a migration makes of the characters in SQL, and a UUID stays text', () => {
    const database = new Database(':memory:');
    const convert = database.prepare(`SELECT ${storedKeyIdSql('$id')} AS stored`);
    for (const id of ids) expect((convert.get({ id }) as { stored: Buffer }).stored).toEqual(storedKeyId('sqlite', id));
    const uuid = timeOrderedId();
    expect((convert.get({ id: uuid }) as { stored: string }).stored).toBe(uuid);
    database.close();
  });

  it('stays text on PostgreSQL', () => {
    expect(storedKeyId('postgres', ids[0])).toBe(ids[0]);
  });
});
