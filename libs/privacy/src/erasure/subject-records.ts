import { Sql, rowsAmong } from '@registry/event-store';
import { ERASABLE_KINDS, ID_NUMBER_KINDS } from '../personal-data-index/identifiers-in';
import { BLIND_PREFIX } from '../personal-data-index/1764400061000-store-blind-index-once';
import { kindOf, storedKind } from '../personal-data-index/stored-kind';
import { identifiersOfRecords } from '../personal-data-index/stored-identifiers';
import { keyIdOf, storedKeyIds } from '../data-keys/stored-key-id';

export interface SubjectRecords {
  /** The data keys of the person's records, and of records that hold one of their identifiers and name no one else. */
  readonly keyIds: string[];
  /** Records that hold one of the person's identifiers but name another person (their ID number or name): kept. */
  readonly namingOthers: number;
}

interface IndexRow {
  key_id: string;
  kind: string;
  blind_index: string;
}

const ERASABLE: ReadonlySet<string> = new Set(ERASABLE_KINDS);
const entry = (kind: string, blind: string) => `${kind}\u0000${blind}`;

/**
 * Every record of the person that one identifier names, over blind indexes only. The records that
 * hold the identifier are theirs; so is each record that holds one of the identifiers found in a
 * record of theirs, and each claim of the same shop in their name (a payout account in their own
 * name), until nothing new turns up. A name links records of one shop only: strangers share names.
 * Identifiers spread only from records known to be the person's (a requested one, or one bearing
 * their ID number or name): a pickup point's depot phone in a record that names no one is erased
 * with the record, and leads no further. A record that names someone else (another ID number, or
 * another name and no ID number) is that person's, and is left to them.
 */
export async function subjectRecords(sql: Sql, kind: string, blind: string): Promise<SubjectRecords> {
  const idNumbers = new Set<string>();
  const names = new Set<string>();
  const known = new Set<string>([entry(kind, blind)]);
  if (ID_NUMBER_KINDS.includes(kind)) idNumbers.add(entry(kind, blind));
  const erased = new Set<string>();
  const others = new Set<string>();
  let candidates = await holding(sql, [[kind, blind]]);
  let requested = true;
  while (candidates.length > 0) {
    const records = await indexOf(
      sql,
      candidates.filter((id) => !erased.has(id) && !others.has(id)),
    );
    if (requested) for (const rows of records.values()) adopt(rows, idNumbers, names);
    const spread: [string, string][] = [];
    const own: string[] = [];
    for (const [keyId, rows] of records) {
      const whose = ownerOf(rows, idNumbers, names);
      if (whose === 'someone else' && !requested) {
        others.add(keyId);
        continue;
      }
      erased.add(keyId);
      if (whose === 'no one' && !requested) continue;
      adopt(rows, idNumbers, names);
      own.push(keyId);
      for (const row of rows) {
        if (!ERASABLE.has(row.kind) || known.has(entry(row.kind, row.blind_index))) continue;
        known.add(entry(row.kind, row.blind_index));
        spread.push([row.kind, row.blind_index]);
      }
    }
    requested = false;
    candidates = [...(await holding(sql, spread)), ...(await sameShopSameName(sql, own, names))];
  }
  return { keyIds: [...erased].sort(), namingOthers: others.size };
}

/** Whose a record is, by the ID numbers and names in it: the person's, someone else's, or no one's in particular. */
function ownerOf(rows: readonly IndexRow[], idNumbers: ReadonlySet<string>, names: ReadonlySet<string>): 'the person' | 'someone else' | 'no one' {
  const ids = rows.filter((r) => ID_NUMBER_KINDS.includes(r.kind));
  if (ids.some((r) => !idNumbers.has(entry(r.kind, r.blind_index)))) return 'someone else';
  if (ids.length > 0) return 'the person';
  const recordNames = rows.filter((r) => r.kind === 'personName').map((r) => r.blind_index);
  if (recordNames.length === 0) return 'no one';
  return recordNames.some((n) => names.has(n)) ? 'the person' : 'someone else';
}

function adopt(rows: readonly IndexRow[], idNumbers: Set<string>, names: Set<string>): void {
  for (const row of rows) {
    if (ID_NUMBER_KINDS.includes(row.kind)) idNumbers.add(entry(row.kind, row.blind_index));
    if (row.kind === 'personName') names.add(row.blind_index);
  }
}

async function holding(sql: Sql, identifiers: readonly [string, string][]): Promise<string[]> {
  const found: string[] = [];
  for (const [kind, blind] of identifiers) {
    // The lookup holds the first characters of each blind index; the record holds the whole of it.
    const candidates = await sql.rows<{ key_id: string | Buffer }>('SELECT key_id FROM personal_data_index WHERE kind = $1 AND blind_prefix = $2', [
      storedKind(kind),
      blind.slice(0, BLIND_PREFIX),
    ]);
    const records = await indexOf(
      sql,
      candidates.map((r) => keyIdOf(r.key_id)),
    );
    for (const [keyId, rows] of records) if (rows.some((row) => row.kind === kind && row.blind_index === blind)) found.push(keyId);
  }
  return found;
}

async function indexOf(sql: Sql, keyIds: readonly string[]): Promise<Map<string, IndexRow[]>> {
  const byKey = new Map<string, IndexRow[]>();
  for (const id of new Set(keyIds)) byKey.set(id, []);
  for (const [keyId, identifiers] of await identifiersOfRecords(sql, [...byKey.keys()]))
    for (const { kind, blind } of identifiers) byKey.get(keyId)!.push({ key_id: keyId, kind: kindOf(kind), blind_index: blind });
  return byKey;
}

/** The records of the shops of `keyIds` that bear one of the person's names. */
async function sameShopSameName(sql: Sql, keyIds: readonly string[], names: ReadonlySet<string>): Promise<string[]> {
  if (names.size === 0 || keyIds.length === 0) return [];
  const shops = await rowsAmong<{ platform_id: string; shop_id: string }>(
    sql,
    storedKeyIds(sql.dialect, keyIds),
    (among) => `SELECT DISTINCT platform_id, shop_id FROM personal_data_records WHERE shop_id IS NOT NULL AND key_id ${among}`,
  );
  const found: string[] = [];
  for (const shop of shops) {
    // Two lookups, not a join: a planner may start from every name in the index instead of the shop.
    const records = await sql.rows<{ key_id: string | Buffer }>('SELECT key_id FROM personal_data_records WHERE platform_id = $1 AND shop_id = $2', [
      shop.platform_id,
      shop.shop_id,
    ]);
    const rows = await indexOf(
      sql,
      records.map((r) => keyIdOf(r.key_id)),
    );
    for (const [keyId, index] of rows) if (index.some((r) => r.kind === 'personName' && names.has(r.blind_index))) found.push(keyId);
  }
  return found;
}
