import { Sql, SqlDialect, insertRows, paddedToPowerOfTwo, placeholderList, preparedOnPostgres, rowsAmong, textHash } from '@registry/event-store';
import { storedKeyId, storedKeyIds } from '@registry/privacy/core';
import { ClaimRole, HolderAttestationFact, IdentifierRef, PersonIdentity, Provenance, RegistryFact, VerificationMethod } from '../domain';
import { factColumns } from './facts-from-events';

/**
 * How a fact is stored in `resolution_facts` and read back (see the 1764400060000 migration): long
 * texts as numbers into `resolution_names`, nothing stored twice, and the same fact rebuilt from
 * the columns. What a fact's id, stream and source reference say again of its source and columns
 * is not stored: `fact_id` is NULL when the id is the one the projection makes (see `madeFactId`),
 * else holds what follows the source (or the whole id); a stream or reference that is the one the
 * source names is NULL (a registration's reference is its shop). A source in the stream of the
 * fact's shop is stored as what follows that stream (`#claim:payout`, `#registered`): one name that
 * every shop's facts of that kind share, instead of one a claim (issue 12).
 */

/** A fact to store: where it comes from (the source its later ends and re-verifications name), the data key of that source, its event. */
export interface StoredFact {
  readonly fact: RegistryFact;
  readonly source: string;
  readonly dataKeyId: string | null;
  readonly sourcePosition: number;
}

const KINDS: readonly RegistryFact['kind'][] = ['shopRegistered', 'shopIdentifier', 'holderAttestation', 'pickupPoint', 'shopLink'];
export const kindCode = (kind: RegistryFact['kind']): number => KINDS.indexOf(kind) + 1;

const NAME_COLUMNS = ['source', 'key1', 'key2', 'holder', 'role', 'stream', 'source_ref', 'asserted_by', 'verification'] as const;
type NameColumn = (typeof NAME_COLUMNS)[number];

const FACT_COLUMNS = [
  'kind',
  'fact_id',
  'shop',
  'shop_b',
  'source_position',
  'added_at',
  'removed_at',
  'valid_from',
  'valid_to',
  'recorded_at',
  ...NAME_COLUMNS,
] as const;

/** A fact's columns and, in the order of NAME_COLUMNS, what its numbered columns stand for. */
function columnsOf(dialect: SqlDialect, { fact, source, sourcePosition }: StoredFact): { plain: unknown[]; names: (string | null)[] } {
  const { shop, shopB, key1, key2 } = factColumns(fact);
  const { provenance } = fact;
  const rest = fact.factId.startsWith(source) ? fact.factId.slice(source.length) : null;
  if (fact.factId === '' || SUFFIX.test(fact.factId)) throw new Error(`a fact id cannot start with # or @: ${fact.factId}`);
  const plain = [
    kindCode(fact.kind),
    fact.factId === madeFactId(fact.kind, source, shop, key1, fact.addedAt) ? null : rest !== null && (rest === '' || SUFFIX.test(rest)) ? rest : fact.factId,
    shop,
    shopB,
    // The event that added the fact, but for a re-verification's (see the 1764400292000 migration).
    sourcePosition === fact.addedAt ? null : sourcePosition,
    fact.addedAt,
    fact.removedAt,
    fact.validFrom,
    fact.validTo,
    storedTime(dialect, provenance.recordedAt),
  ];
  const names = [
    storedSource(source, shop),
    key1,
    key2,
    fact.kind === 'holderAttestation' ? JSON.stringify(fact.holder) : null,
    fact.kind === 'shopIdentifier' ? fact.role : fact.kind === 'shopLink' ? fact.statedBy : null,
    provenance.stream === streamOf(source) ? null : provenance.stream,
    provenance.sourceRef === refOf(fact.kind, source, shop) ? null : provenance.sourceRef,
    provenance.assertedBy,
    provenance.verification,
  ];
  return { plain, names };
}

const SUFFIX = /^[#@]/;

/** The last recorded time `storedTime` was given, with its milliseconds (NaN where they do not give it back). */
let lastTime = { iso: '', ms: NaN };

/**
 * A fact's recorded time as stored, when its milliseconds give back the same ISO text: on SQLite
 * the milliseconds (a 6-byte integer, see the 1764400292000 migration), on PostgreSQL (a text
 * column) in base 36 (8 characters, issue 12); else the text as it is. ISO text holds a `-`, base
 * 36 never does, so rows written before (ISO text, base 36) read as they are.
 */
const storedTime = (dialect: SqlDialect, iso: string): string | number => {
  // The facts of a batch come a few to an event, and the events of a request share their time.
  if (iso !== lastTime.iso) {
    const ms = Date.parse(iso);
    lastTime = { iso, ms: Number.isFinite(ms) && ms >= 0 && new Date(ms).toISOString() === iso ? ms : NaN };
  }
  const { ms } = lastTime;
  return Number.isNaN(ms) ? iso : dialect === 'sqlite' ? ms : ms.toString(36);
};
const timeOf = (stored: string | number): string => {
  if (typeof stored === 'string' && stored.includes('-')) return stored;
  let iso = recordedTimes.get(stored);
  if (iso === undefined) {
    iso = new Date(typeof stored === 'number' ? stored : parseInt(stored, 36)).toISOString();
    if (recordedTimes.size >= 10_000) recordedTimes.clear();
    recordedTimes.set(stored, iso);
  }
  return iso;
};
/**
 * The ISO text of each stored recorded time: the facts of one request share it, and a walk builds
 * thousands of facts a batch (making the text was 5% of the view's upkeep CPU). A time, no personal data.
 */
const recordedTimes = new Map<string | number, string>();

/** The id facts-from-events.ts gives a fact: from its source, the kind of identifier a claim's fact states, and its position. */
function madeFactId(kind: RegistryFact['kind'], source: string, shop: string | null, key1: string | null, addedAt: number): string | null {
  switch (kind) {
    case 'shopRegistered':
      return `reg:${shop}`;
    case 'shopIdentifier':
      return key1 === null ? null : `${source}#${key1.slice(0, key1.indexOf(':'))}@${addedAt}`;
    default:
      return `${source}@${addedAt}`;
  }
}
/** The stream a source names: what comes before its first `#`. */
const streamOf = (source: string) => source.split('#', 1)[0];
/** The reference a fact's provenance gives unless it says otherwise: a registration's shop, or the claim its source names. */
const refOf = (kind: RegistryFact['kind'], source: string, shop: string | null) => {
  if (kind === 'shopRegistered') return shop;
  const at = source.indexOf('#claim:');
  return at < 0 ? null : source.slice(at + '#claim:'.length);
};

/** The stream of a shop's events (shopStream in the shared kernel), as a source in it begins. */
const shopStreamOf = (shop: string) => `shop-${shop}`;

/** The name a fact's source is stored under: what follows the stream of the fact's shop, when the source is in it; else the source. */
function storedSource(source: string, shop: string | null): string {
  if (source.startsWith('#')) throw new Error(`a source cannot start with #: ${source}`);
  if (shop === null) return source;
  const stream = shopStreamOf(shop);
  return source.length > stream.length && source[stream.length] === '#' && source.startsWith(stream) ? source.slice(stream.length) : source;
}

/** The source of a stored row: see `storedSource`. */
const sourceOf = (row: { source: string; shop: string | null }) => (row.source.startsWith('#') ? shopStreamOf(row.shop!) + row.source : row.source);

/**
 * A condition on the columns of rows (`alias` and a dot, or '') that holds for the facts of the
 * source: stored whole, or as what follows the stream of a shop it can be in (one a `#` it holds,
 * after the prefix of a shop's stream). Parameters from `first` on: `params`. Those in a shop's
 * stream are found by the shop's index, not by the name that every shop's facts of the kind share.
 */
export function sourceIs(dialect: SqlDialect, source: string, first: number, alias = ''): { where: string; params: unknown[] } {
  const whole = keyIdsAmong(dialect, [source], first);
  const params = whole.params;
  const terms = [`${alias}source ${whole.among}`];
  const prefix = shopStreamOf('');
  if (source.startsWith(prefix))
    for (let at = source.indexOf('#'); at > prefix.length; at = source.indexOf('#', at + 1)) {
      params.push(source.slice(prefix.length, at));
      const named = keyIdsAmong(dialect, [source.slice(at)], first + params.length);
      terms.push(`(${alias}shop = $${first + params.length - 1} AND +${alias}source ${named.among})`);
      params.push(...named.params);
    }
  return { where: `(${terms.join(' OR ')})`, params };
}

/** Stores facts, adding the names they use. */
export async function writeFacts(tx: Sql, facts: readonly StoredFact[]): Promise<void> {
  if (facts.length === 0) return;
  // Built in place, without a copy per fact: a bulk onboarding stores eight facts a shop (issue 14).
  const rows = facts.map((fact) => columnsOf(tx.dialect, fact));
  const used: string[] = [];
  for (const { names } of rows) for (const name of names) if (name !== null) used.push(name);
  const ids = await nameIds(tx, used);
  for (const { plain, names } of rows) for (const name of names) plain.push(name === null ? null : ids.get(name)!);
  await insertRows(
    tx,
    'resolution_facts',
    FACT_COLUMNS,
    rows.map((row) => row.plain),
  );
  // A data key seals every record of its scope: one claim, or a shop's claims in one role about one person.
  const dataKeys = new Map<string, unknown[]>();
  for (const { fact, source, dataKeyId } of facts) {
    if (dataKeyId === null) continue;
    const shop = factColumns(fact).shop;
    const stored = storedSource(source, shop);
    const row = [storedKeyId(tx.dialect, dataKeyId), ids.get(stored)!, stored === source ? null : shop];
    dataKeys.set(`${dataKeyId} ${String(row[1])}`, row);
  }
  await insertRows(tx, 'resolution_data_keys', ['data_key', 'source', 'shop'], [...dataKeys.values()], 'ON CONFLICT (data_key, source) DO NOTHING');
}

/**
 * The numbers of these names, adding those not stored yet. On PostgreSQL they are looked up before
 * inserting: an insert that conflicts still uses up a sequence number. There all of a batch's names
 * go in one array: one statement to look them up and one to add the missing, where lists of 500
 * made some twenty statements a batch of new claims (issue 12). On SQLite too, by their hashes (see
 * `sqliteNameIds`).
 */
async function nameIds(tx: Sql, names: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(names)];
  return tx.dialect === 'postgres' ? postgresNameIds(tx, unique) : sqliteNameIds(tx, unique);
}

async function postgresNameIds(tx: Sql, unique: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const lookUp = async (some: readonly string[]) => {
    const rows = await tx.rows<{ id: number | string; name: string }>('SELECT id, name FROM resolution_names WHERE name = ANY($1::text[])', [some]);
    for (const row of rows) ids.set(row.name, Number(row.id));
  };
  await lookUp(unique);
  const missing = unique.filter((name) => !ids.has(name));
  if (missing.length === 0) return ids;
  const inserted = await tx.rows<{ id: number | string; name: string }>(
    'INSERT INTO resolution_names (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING RETURNING id, name',
    [missing],
  );
  for (const row of inserted) ids.set(row.name, Number(row.id));
  // Added meanwhile by another writer.
  if (inserted.length < missing.length) await lookUp(missing.filter((name) => !ids.has(name)));
  return ids;
}

/**
 * On SQLite a name is stored once (issue 12): its number is the row's, and it is found by the hash
 * of its text (`resolution_names_hash`), not by a second copy of it in a UNIQUE index. So the names
 * are looked up first, by hash, and the missing ones added; there is one writer at a time.
 */
async function sqliteNameIds(tx: Sql, unique: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await tx.rows<{ id: number | string; name: string }>(
      `SELECT id, name FROM resolution_names WHERE hash IN (${placeholderList(chunk.length, 1)})`,
      chunk.map(textHash),
    );
    for (const row of rows) ids.set(row.name, Number(row.id));
    const missing = chunk.filter((name) => !ids.has(name));
    if (missing.length === 0) continue;
    const inserted = await tx.rows<{ id: number | string; name: string }>(
      `INSERT INTO resolution_names (hash, name) VALUES ${missing.map((_, n) => `($${2 * n + 1}, $${2 * n + 2})`).join(', ')} RETURNING id, name`,
      missing.flatMap((name) => [textHash(name), name]),
    );
    for (const row of inserted) ids.set(row.name, Number(row.id));
  }
  return ids;
}

/** The names of the numbered columns, joined: what `factOf` reads. Filter on `f.` columns. */
const PLAIN_COLUMNS = [
  'f.kind',
  'f.fact_id',
  'f.shop',
  'f.shop_b',
  'COALESCE(f.source_position, f.added_at) AS source_position',
  'f.added_at',
  'f.removed_at',
  'f.valid_from',
  'f.valid_to',
  'f.recorded_at',
];
const PLAIN_SELECTED = PLAIN_COLUMNS.join(', ');
const NAMES_SELECTED = NAME_COLUMNS.map((column) => `n_${column}.name AS ${column}`).join(', ');
/** The names every fact has. */
const REQUIRED_NAMES = new Set<NameColumn>(['source', 'asserted_by', 'verification']);
export const FACT_SELECT = `SELECT ${PLAIN_SELECTED},
  ${NAMES_SELECTED}
  FROM resolution_facts f
  ${NAME_COLUMNS.map((column) => `${REQUIRED_NAMES.has(column) ? 'JOIN' : 'LEFT JOIN'} resolution_names n_${column} ON n_${column}.id = f.${column}`).join('\n  ')}`;

/** The same rows on PostgreSQL: each name by a subquery of its own (see `factSelect`). */
const POSTGRES_FACT_SELECT = `SELECT ${PLAIN_SELECTED},
  ${NAME_COLUMNS.map((column) => `(SELECT n.name FROM resolution_names n WHERE n.id = f.${column}) AS ${column}`).join(', ')}
  FROM resolution_facts f`;

/**
 * `FACT_SELECT` for a dialect. PostgreSQL spent 14–24 ms planning its nine joins of
 * `resolution_names` (exhaustive join search over ten tables) for a search by identifier that then
 * ran in 0.1 ms, and 50 such searches at once kept it busy planning (132 reads/s at 50,000 shops,
 * the server 13% busy). With each name a subquery of its own it plans in about 1 ms, but looks nine
 * names up a row: for reads of thousands of rows `readFactRows` is cheaper (16 against 51 ms for the
 * facts of 400 shops). SQLite prepares a statement once and keeps it, so it keeps the joins.
 */
export function factSelect(dialect: SqlDialect): string {
  return dialect === 'postgres' ? POSTGRES_FACT_SELECT : FACT_SELECT;
}

/**
 * The rows that meet the condition (on `f.` columns), as `FACT_SELECT` reads them. On SQLite
 * `FACT_SELECT` itself. On PostgreSQL no join at all: one statement gives the facts with their names'
 * numbers, then (after a UNION ALL) each name they use as a row of its own, and the names are put
 * in place here.
 * - Joined in SQL (a join of `resolution_names` for each of nine columns), the planner hashed the
 *   whole table for each join of a walk step's thousands of facts (133 ms for the facts of 400 shops
 *   at 10,000 shops, against 25 ms with the facts read first and their names then), and it searched
 *   the order of the nine joins at every read: 2.1–2.5 ms of planning for the attestations naming a
 *   person, which then ran in 0.1 ms (the costliest statement of the reads at 50,000 shops, issue 12).
 *   Without the joins it plans in 0.3–0.9 ms; a read of 3,008 facts ran in 11–15 ms against 18–22.
 * - One statement, not two: the names are read in the snapshot the facts were, which an erasure
 *   that removes both between two statements would not keep.
 * The condition must not vary on PostgreSQL (values as parameters, lists as arrays): the statement
 * is prepared once per connection.
 */
export async function readFactRows(sql: Sql, condition: string, params: readonly unknown[]): Promise<FactRow[]> {
  if (sql.dialect === 'sqlite') return sql.rows<FactRow>(`${FACT_SELECT} WHERE ${condition}`, params);
  const rows = await sql.rows<FactRow & { name_id: number | null; name: string | null }>(preparedOnPostgres(postgresFactsThenNames(condition)), params);
  const names = new Map<number, string>();
  const facts: FactRow[] = [];
  for (const row of rows) {
    if (row.name_id === null) facts.push(row);
    else names.set(row.name_id, row.name!);
  }
  for (const fact of facts as unknown as Record<NameColumn, number | string | null>[]) {
    for (const column of NAME_COLUMNS) if (fact[column] !== null) fact[column] = names.get(fact[column] as number) ?? null;
  }
  return facts;
}

const NAME_IDS_SELECTED = NAME_COLUMNS.map((column) => `f.${column}`).join(', ');
const postgresFactsThenNames = (condition: string) =>
  `WITH f AS MATERIALIZED (SELECT * FROM resolution_facts f WHERE ${condition})
  SELECT ${PLAIN_SELECTED}, ${NAME_IDS_SELECTED}, NULL::integer AS name_id, NULL::text AS name FROM f
  UNION ALL
  SELECT ${Array.from({ length: PLAIN_COLUMNS.length + NAME_COLUMNS.length }, () => 'NULL').join(', ')}, n.id, n.name
  FROM resolution_names n WHERE n.id = ANY(ARRAY(SELECT DISTINCT unnest(ARRAY[${NAME_IDS_SELECTED}]) FROM f))`;

/**
 * Names are asked one way (issue 12). A list of names given as values goes as parameters, and on
 * SQLite with their hashes worked out here (`textHash`), so that SQLite finds each by the index on
 * its hash (`resolution_names_hash`, see `sqliteNameIds`) and compares its text, rather than calling
 * `text_hash` back for each name each time the statement reads its list (a read's name lookups were
 * among its costliest statements). Only a list that is inside SQL (a column named `value`, as
 * `SELECT value FROM json_each(…)` gives) is hashed there: `namedAmong`.
 */

/**
 * A condition that the row of `resolution_names` named `alias` is one of the names, with its
 * parameters from `$first` on: on PostgreSQL by name, one array; on SQLite by the names' hashes,
 * then their text.
 */
export function namesAmong(dialect: SqlDialect, alias: string, names: readonly string[], first = 1): { condition: string; params: unknown[] } {
  if (dialect === 'postgres') return { condition: `${alias}.name = ANY($${first})`, params: [[...names]] };
  return {
    condition: `${alias}.hash IN (${placeholderList(names.length, first)}) AND ${alias}.name IN (${placeholderList(names.length, first + names.length)})`,
    params: [...names.map(textHash), ...names],
  };
}

/**
 * What follows a column of name numbers (`f.key1 ${among}`) for it to hold one of the names, with
 * its parameters from `$first` on. On PostgreSQL as `= ANY(ARRAY(…))`: the names' numbers are then
 * looked up once, before the plan runs, and the planner weighs the column's index as for a list of
 * values. Written `IN (SELECT …)`, it guessed that thousands of facts match, and scanned every fact
 * (a search by identifier: 132 ms against 2 ms at 3,000 shops; each hub count of a read or of the
 * view's upkeep, 15 ms against 1 ms). SQLite plans the `IN` by the index.
 */
export function keyIdsAmong(dialect: SqlDialect, names: readonly string[], first: number): { among: string; params: unknown[] } {
  const named = namesAmong(dialect, 'n', names, first);
  const ids = `SELECT n.id FROM resolution_names n WHERE ${named.condition}`;
  return { among: dialect === 'postgres' ? `= ANY(ARRAY(${ids}))` : `IN (${ids})`, params: named.params };
}

/** The number of one name, as a subquery (`f.key1 = ${id}`), with its parameters from `$first` on. */
export function nameIdOf(dialect: SqlDialect, name: string, first: number): { id: string; params: unknown[] } {
  const named = dialect === 'postgres' ? { condition: `n.name = $${first}`, params: [name] } : namesAmong(dialect, 'n', [name], first);
  return { id: `(SELECT n.id FROM resolution_names n WHERE ${named.condition})`, params: named.params };
}

/**
 * Rows for many names, by a column of their numbers: `query` gets what follows the column (see
 * `keyIdsAmong`), its parameters from $1 on, and the number of the first of `more` parameters,
 * which follow them (values go as parameters, never in the text: each new text is prepared anew on
 * SQLite, and crowds out of its caches statements that come again). On PostgreSQL one statement;
 * on SQLite 512 names a statement (each two parameters).
 */
export async function rowsAmongNames<T>(
  sql: Sql,
  names: readonly string[],
  query: (among: string, next: number) => string,
  more: readonly unknown[] = [],
): Promise<T[]> {
  if (names.length === 0) return [];
  const size = sql.dialect === 'postgres' ? names.length : 512;
  const rows: T[] = [];
  for (let i = 0; i < names.length; i += size) {
    const chunk = names.slice(i, i + size);
    const { among, params } = keyIdsAmong(sql.dialect, sql.dialect === 'sqlite' ? paddedToPowerOfTwo(chunk) : chunk, 1);
    rows.push(...(await sql.rows<T>(query(among, params.length + 1), [...params, ...more])));
  }
  return rows;
}

/**
 * `keyIdsAmong` for a list inside SQL: `namedAmong(dialect, 'IN (SELECT value FROM json_each(…))')`,
 * hashed by `text_hash` on SQLite. On PostgreSQL any list (`IN (…)`, `= ANY(…)`).
 */
export function namedAmong(dialect: SqlDialect, among: string): string {
  if (dialect === 'postgres') return `= ANY(ARRAY(SELECT id FROM resolution_names WHERE name ${among}))`;
  const list = /^IN \((SELECT value .*)\)$/s.exec(among)?.[1];
  if (list === undefined) throw new Error(`names given as values are asked by keyIdsAmong on SQLite: ${among}`);
  return `IN (SELECT n.id FROM resolution_names n WHERE n.hash IN (${list.replace(/^SELECT value /, 'SELECT text_hash(value) ')}) AND n.name ${among})`;
}

/** `namedAmong` for a list: `f.key1 ${amongNames(dialect, 'SELECT value FROM json_each(j.value)')}`. */
export const amongNames = (dialect: SqlDialect, list: string) => namedAmong(dialect, `IN (${list})`);

export interface FactRow {
  kind: number | string;
  fact_id: string | null;
  shop: string | null;
  shop_b: string | null;
  source_position: number | string;
  added_at: number | string;
  removed_at: number | string | null;
  valid_from: string | null;
  valid_to: string | null;
  recorded_at: string | number;
  source: string;
  key1: string | null;
  key2: string | null;
  holder: string | null;
  role: string | null;
  stream: string | null;
  source_ref: string | null;
  asserted_by: string;
  verification: string;
}

const identifierOf = (key: string): IdentifierRef => {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as IdentifierRef['kind'], value: key.slice(colon + 1) };
};
const valueOf = (key: string | null) => (key === null ? null : key.slice(key.indexOf(':') + 1));

/** The id of the fact a row stores: cheaper than `factOf`, to skip a row whose fact was read already. */
export function factIdOf(row: FactRow): string {
  return row.fact_id === null
    ? madeFactId(KINDS[Number(row.kind) - 1], sourceOf(row), row.shop, row.key1, Number(row.added_at))!
    : row.fact_id === '' || SUFFIX.test(row.fact_id)
      ? sourceOf(row) + row.fact_id
      : row.fact_id;
}

/**
 * The fact a row stores, as it was written. Each kind is built whole, in one literal with the
 * fields in one order, not spread from a common part: walks read thousands of facts a batch, and
 * spreads cost copies, garbage and more object shapes (issue 14). `factId`: the row's, when the
 * caller has it already.
 */
export function factOf(row: FactRow, factId = factIdOf(row)): RegistryFact {
  const kind = KINDS[Number(row.kind) - 1];
  const source = row.stream === null || row.source_ref === null ? sourceOf(row) : '';
  const provenance: Provenance = {
    stream: row.stream ?? streamOf(source),
    sourceRef: row.source_ref ?? refOf(kind, source, row.shop)!,
    assertedBy: row.asserted_by,
    verification: row.verification as VerificationMethod,
    recordedAt: timeOf(row.recorded_at),
  };
  const addedAt = Number(row.added_at);
  const removedAt = row.removed_at === null ? null : Number(row.removed_at);
  const { valid_from: validFrom, valid_to: validTo } = row;
  switch (kind) {
    case 'shopRegistered':
      return { factId, provenance, addedAt, removedAt, validFrom, validTo, kind, shop: row.shop! };
    case 'shopIdentifier':
      return {
        factId,
        provenance,
        addedAt,
        removedAt,
        validFrom,
        validTo,
        kind,
        shop: row.shop!,
        identifier: identifierOf(row.key1!),
        role: row.role as ClaimRole,
      };
    case 'holderAttestation':
      return {
        factId,
        provenance,
        addedAt,
        removedAt,
        validFrom,
        validTo,
        kind,
        identifier: identifierOf(row.key1!) as HolderAttestationFact['identifier'],
        holder: JSON.parse(row.holder!) as PersonIdentity,
      };
    case 'pickupPoint':
      return { factId, provenance, addedAt, removedAt, validFrom, validTo, kind, shop: row.shop!, phone: valueOf(row.key1), address: valueOf(row.key2) };
    case 'shopLink':
      return {
        factId,
        provenance,
        addedAt,
        removedAt,
        validFrom,
        validTo,
        kind,
        a: row.shop!,
        b: row.shop_b!,
        statedBy: row.role as 'platform' | 'enforcement',
      };
  }
}

/**
 * Deletes the facts under these data keys (an erasure at the position): the facts of the sources
 * they sealed (a key seals one claim or attestation record, or a shop's claims in one role about
 * one person: every source it sealed has its row). The names
 * only those facts used go with them: no blind index of an erased identifier is left unless a fact
 * not erased still states it. What the erasure took out is recorded for the operator view (see the
 * 1764400100000 migration): the shops the facts named, and the identifiers they stated that are left.
 */
export async function eraseFacts(tx: Sql, dataKeyIds: readonly string[], position: number): Promise<void> {
  const shops = new Set<string>();
  const keys = new Set<number>();
  const names = new Set<number>();
  /** The identifiers an erased attestation stated: only its event showed with the answers of every shop stating them. */
  const attested = new Set<number>();
  const used: { kind: number | string; shop: string | null; shop_b: string | null; key1: number | null; key2: number | null; holder: number | null }[] = [];
  const take = async (where: string, params: readonly unknown[]) => {
    used.push(...(await tx.rows<(typeof used)[number]>(`SELECT kind, shop, shop_b, key1, key2, holder FROM resolution_facts WHERE ${where}`, params)));
    await tx.run(`DELETE FROM resolution_facts WHERE ${where}`, params);
  };
  for (let i = 0; i < dataKeyIds.length; i += 500) {
    const chunk = storedKeyIds(tx.dialect, dataKeyIds.slice(i, i + 500));
    const dataKeys = placeholderList(chunk.length, 1);
    const sources = await tx.rows<{ source: number | string; shop: string | null }>(
      `SELECT source, shop FROM resolution_data_keys WHERE data_key IN (${dataKeys})`,
      chunk,
    );
    await tx.run(`DELETE FROM resolution_data_keys WHERE data_key IN (${dataKeys})`, chunk);
    const whole = sources.filter((row) => row.shop === null).map((row) => Number(row.source));
    if (whole.length > 0) await take(`source IN (${placeholderList(whole.length, 1)})`, whole);
    // A source in its shop's stream, by the shop: its name is every shop's for claims of the kind.
    for (const row of sources) if (row.shop !== null) await take('shop = $1 AND +source = $2', [row.shop, Number(row.source)]);
  }
  for (const row of used) {
    for (const shop of [row.shop, row.shop_b]) if (shop !== null) shops.add(shop);
    for (const id of [row.key1, row.key2]) if (id !== null) keys.add(Number(id));
    if (Number(row.kind) === kindCode('holderAttestation')) for (const id of [row.key1, row.key2]) if (id !== null) attested.add(Number(id));
    for (const id of [row.key1, row.key2, row.holder]) if (id !== null) names.add(Number(id));
  }
  const candidates = [...names];
  for (let j = 0; j < candidates.length; j += 500) {
    const some = candidates.slice(j, j + 500);
    await tx.run(
      `DELETE FROM resolution_names WHERE id IN (${placeholderList(some.length, 1)})
         AND NOT EXISTS (SELECT 1 FROM resolution_facts WHERE key1 = resolution_names.id)
         AND NOT EXISTS (SELECT 1 FROM resolution_facts WHERE key2 = resolution_names.id)
         AND NOT EXISTS (SELECT 1 FROM resolution_facts WHERE holder = resolution_names.id)`,
      some,
    );
  }
  const left = await rowsAmong<{ id: number | string }>(tx, [...keys], (among) => `SELECT id FROM resolution_names WHERE id ${among}`);
  await insertRows(
    tx,
    'resolution_erasures',
    ['position', 'shop', 'key', 'attested'],
    [...[...shops].map((shop) => [position, shop, null, null]), ...left.map((row) => [position, null, Number(row.id), attested.has(Number(row.id)) ? 1 : 0])],
  );
}
