import { Sql, placeholderList, preparedFor } from '@registry/event-store';
import { FactRow, factOf, factSelect, keyIdsAmong, kindCode, readFactRows } from '../identity-graph/fact-table';
import { HolderAttestationFact, RegistryFact } from '../domain';

/** Known at the position in $1: added by then and not yet removed. */
const KNOWN = `f.added_at <= $1 AND (f.removed_at IS NULL OR f.removed_at > $1)`;
/** Keys asked about in one statement; a person holds a handful of accounts and phones, a busy one a few hundred. */
const KEYS_PER_STATEMENT = 400;

/** Facts with the event each was read from: to show the values behind their blind indexes. */
export interface ReadFacts<F extends RegistryFact = RegistryFact> {
  readonly facts: F[];
  readonly sourcePositions: number[];
}

const ATTESTATION = kindCode('holderAttestation');

/** A statement's condition on some of the values asked about, and its parameters from $2 on. */
type Condition = (values: readonly string[]) => { condition: string; params: unknown[] };

/** On the keys (names) among the values: `where` given what a key column is to be among (see `keyIdsAmong`). */
const onKeys =
  (sql: Sql, where: (among: string) => string): Condition =>
  (keys) => {
    const { among, params } = keyIdsAmong(sql.dialect, keys, 2);
    return { condition: where(among), params };
  };

async function factsWhere<F extends RegistryFact>(
  sql: Sql,
  where: Condition,
  values: readonly string[],
  position: number,
  limit?: number,
): Promise<ReadFacts<F>> {
  const found: ReadFacts<F> = { facts: [], sourcePositions: [] };
  for (let i = 0; i < values.length && (limit === undefined || found.facts.length < limit); i += KEYS_PER_STATEMENT) {
    const { condition, params } = where(values.slice(i, i + KEYS_PER_STATEMENT));
    // Every fact of the shops or keys (thousands, for a person's candidate shops) as the walk reads
    // them; a limited read with its LIMIT in the statement, names looked up for the rows it keeps (see `factSelect`).
    // On PostgreSQL every condition here has one text (lists as arrays, the limit a parameter): prepared once per connection.
    const rows =
      limit === undefined
        ? await readFactRows(sql, `${condition} AND ${KNOWN}`, [position, ...params])
        : await sql.rows<FactRow>(preparedFor(sql.dialect, `${factSelect(sql.dialect)} WHERE ${condition} AND ${KNOWN} LIMIT $${params.length + 2}`), [
            position,
            ...params,
            limit - found.facts.length,
          ]);
    for (const row of rows) {
      found.facts.push(factOf(row) as F);
      found.sourcePositions.push(Number(row.source_position));
    }
  }
  return found;
}

/** Every holder attestation known at the position on these accounts, wallets or phones, whoever they name (recycled numbers name several). */
export const attestationsOn = (sql: Sql, keys: readonly string[], position: number) =>
  factsWhere<HolderAttestationFact>(
    sql,
    onKeys(sql, (among) => `f.key1 ${among} AND f.shop IS NULL AND f.kind = ${ATTESTATION}`),
    keys,
    position,
  );

/** Every holder attestation known at the position that names the person (by `nationalId:…` or `taxCode:…`) as holder or subscriber. */
export const attestationsNaming = (sql: Sql, personKey: string, position: number) =>
  factsWhere<HolderAttestationFact>(
    sql,
    onKeys(sql, (among) => `f.key2 ${among} AND f.shop IS NULL AND f.kind = ${ATTESTATION}`),
    [personKey],
    position,
  );

/** The claims of shops on these keys known at the position, up to `limit` rows. */
export const claimsOn = (sql: Sql, keys: readonly string[], position: number, limit: number) =>
  factsWhere(
    sql,
    onKeys(sql, (among) => `f.key1 ${among} AND f.shop IS NOT NULL`),
    keys,
    position,
    limit,
  );

/** The shops stating any of these keys at the position, up to `limit`. */
export async function shopsStatingAny(sql: Sql, keys: readonly string[], position: number, limit: number): Promise<string[]> {
  const shops = new Set<string>();
  for (let i = 0; i < keys.length && shops.size < limit; i += KEYS_PER_STATEMENT) {
    const { among, params } = keyIdsAmong(sql.dialect, keys.slice(i, i + KEYS_PER_STATEMENT), 2);
    const rows = await sql.rows<{ shop: string }>(
      `SELECT DISTINCT f.shop FROM resolution_facts f WHERE f.key1 ${among} AND f.shop IS NOT NULL AND ${KNOWN} LIMIT ${limit}`,
      [position, ...params],
    );
    for (const row of rows) shops.add(row.shop);
  }
  return [...shops].slice(0, limit);
}

/** Every fact of these shops known at the position (the claims they make, their pickup points, the links they are the first shop of). */
export const factsOfShops = (sql: Sql, shops: readonly string[], position: number) =>
  factsWhere(
    sql,
    (some) =>
      sql.dialect === 'postgres'
        ? { condition: 'f.shop = ANY($2)', params: [[...some]] }
        : { condition: `f.shop IN (${placeholderList(some.length, 2)})`, params: [...some] },
    shops,
    position,
  );
