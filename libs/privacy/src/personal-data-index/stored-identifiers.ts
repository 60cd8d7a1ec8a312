import { Sql, SqlDialect, rowsAmong } from '@registry/event-store';
import { STORED_BLIND_LENGTH } from './stored-blind-index';
import { keyIdOf, storedKeyIds } from '../data-keys/stored-key-id';

/** An identifier of a record as stored: its kind as `personal_data_index` stores it (`stored-kind.ts`) and its stored blind index. */
export interface StoredIdentifier {
  readonly kind: string;
  readonly blind: string;
}

/** Bytes of a blind index in the binary form: its 22 base64url characters are 132 bits, 4 short of 17 bytes. */
const BLIND_BYTES = 17;
/** Bytes of an identifier in the binary form: its kind's letter, then its blind index. */
const IDENTIFIER_BYTES = 1 + BLIND_BYTES;
const ONE_LETTER = /^[a-z]$/;

/**
 * A record's identifiers as `personal_data_records.identifiers` holds them (issue 12). On SQLite,
 * bytes: each identifier's kind letter (`stored-kind.ts`) and its blind index as 17 bytes, 18 bytes
 * where text took 24. As text (on PostgreSQL, for a kind without a letter, and in rows written
 * before): the kind and the blind index of each, one after the other, separated by spaces; the
 * blind index has a fixed length, so a kind stored without a letter reads back too.
 */
export function storedIdentifiers(dialect: SqlDialect, identifiers: Iterable<StoredIdentifier>): string | Buffer {
  const all = [...identifiers];
  if (dialect === 'postgres' || !all.every((i) => ONE_LETTER.test(i.kind) && i.blind.length === STORED_BLIND_LENGTH))
    return all.map((i) => i.kind + i.blind).join(' ');
  const bytes = Buffer.alloc(all.length * IDENTIFIER_BYTES);
  all.forEach(({ kind, blind }, n) => {
    bytes.write(kind, n * IDENTIFIER_BYTES, 'latin1');
    // One character more, so that the last 4 bits of the 22 are decoded too.
    Buffer.from(`${blind}A`, 'base64url').copy(bytes, n * IDENTIFIER_BYTES + 1, 0, BLIND_BYTES);
  });
  return bytes;
}

export function identifiersOf(stored: string | Buffer): StoredIdentifier[] {
  if (Buffer.isBuffer(stored)) {
    return Array.from({ length: stored.length / IDENTIFIER_BYTES }, (_, n) => {
      const at = n * IDENTIFIER_BYTES;
      return {
        kind: stored.toString('latin1', at, at + 1),
        blind: stored
          .subarray(at + 1, at + IDENTIFIER_BYTES)
          .toString('base64url')
          .slice(0, STORED_BLIND_LENGTH),
      };
    });
  }
  if (stored === '') return [];
  return stored.split(' ').map((entry) => ({ kind: entry.slice(0, -STORED_BLIND_LENGTH), blind: entry.slice(-STORED_BLIND_LENGTH) }));
}

/** The stored identifiers of each of these records that exists, by key id. */
export async function identifiersOfRecords(sql: Sql, keyIds: readonly string[]): Promise<Map<string, StoredIdentifier[]>> {
  const rows = await rowsAmong<{ key_id: string | Buffer; identifiers: string | Buffer }>(
    sql,
    storedKeyIds(sql.dialect, keyIds),
    (among) => `SELECT key_id, identifiers FROM personal_data_records WHERE key_id ${among}`,
  );
  return new Map(rows.map((row) => [keyIdOf(row.key_id), identifiersOf(row.identifiers)]));
}
