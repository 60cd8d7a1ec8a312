import { Sql, rowsWhereIn } from '@registry/event-store';
import { STORED_BLIND_LENGTH } from './stored-blind-index';

/** An identifier of a record as stored: its kind as `personal_data_index` stores it (`stored-kind.ts`) and its stored blind index. */
export interface StoredIdentifier {
  readonly kind: string;
  readonly blind: string;
}

/**
 * A record's identifiers as `personal_data_records.identifiers` holds them (issue 12): the kind and
 * the blind index of each, one after the other, separated by spaces. The blind index has a fixed
 * length, so a kind stored without a letter reads back too.
 */
export const storedIdentifiers = (identifiers: Iterable<StoredIdentifier>): string => [...identifiers].map((i) => i.kind + i.blind).join(' ');

export function identifiersOf(stored: string): StoredIdentifier[] {
  if (stored === '') return [];
  return stored.split(' ').map((entry) => ({ kind: entry.slice(0, -STORED_BLIND_LENGTH), blind: entry.slice(-STORED_BLIND_LENGTH) }));
}

/** The stored identifiers of each of these records that exists, by key id. */
export async function identifiersOfRecords(sql: Sql, keyIds: readonly string[]): Promise<Map<string, StoredIdentifier[]>> {
  const rows = await rowsWhereIn<{ key_id: string; identifiers: string }>(
    sql,
    keyIds,
    (list) => `SELECT key_id, identifiers FROM personal_data_records WHERE key_id IN (${list})`,
  );
  return new Map(rows.map((row) => [row.key_id, identifiersOf(row.identifiers)]));
}
