import { Sql } from '@registry/event-store';
import { RegistryFact, ShopKey, identifiedKeyOf, identifierKey } from '../domain';

/** Keys that never join shops, only point at leads: they are counted, never walked through. */
const isLeadKey = (key: string) => key.startsWith('address:') || key.startsWith('personName:');

export interface Neighbourhood {
  readonly facts: RegistryFact[];
  /** Keys held by more shops than the hub threshold: their shops beyond the first few were not walked. */
  readonly hubs: ReadonlySet<string>;
  /** Whether the walk stopped at `maxShops` before reaching the whole component. */
  readonly truncated: boolean;
  /** For each fact, the event it was read from: to show the values behind its blind indexes. */
  readonly sourcePositions: ReadonlyMap<string, number>;
}

interface FactRow {
  fact_id: string;
  shop: string | null;
  shop_b: string | null;
  key1: string | null;
  key2: string | null;
  kind: string;
  source_position: number | string;
  removed_at: number | string | null;
  body: string;
}

const COLUMNS = 'fact_id, kind, shop, shop_b, key1, key2, source_position, removed_at, body';
/** Known at the position: added by then and not yet removed. */
const KNOWN = `added_at <= $1 AND (removed_at IS NULL OR removed_at > $1)`;
/** Valid on the date in parameter 2 (calendar dates compare as text), as the resolution judges a claim that stands. */
const VALID_ON_2 = `(valid_from IS NULL OR valid_from <= $2) AND (valid_to IS NULL OR valid_to >= $2)`;

/**
 * The facts around some shops, read from the identity-graph table as it stood at `position`:
 * shops, the keys they state, the attestations on those keys and the holders they name, shops on
 * those keys, and so on, until the component is complete. A key stated by more than `hubThreshold`
 * shops on the date is a hub: the first hubThreshold + 1 of its shops are read (so that resolution
 * sees it as a hub) and not walked further. Lead keys (addresses, names) are never walked.
 * Every operator the shops belong to lies inside, so resolving these facts alone answers for them.
 */
export async function readNeighbourhood(
  sql: Sql,
  start: readonly ShopKey[],
  position: number,
  options: { hubThreshold: number; maxShops: number; date: string },
): Promise<Neighbourhood> {
  const facts = new Map<string, RegistryFact>();
  const sourcePositions = new Map<string, number>();
  const seenShops = new Set<ShopKey>();
  const seenKeys = new Set<string>();
  const hubs = new Set<string>();
  let shopFrontier = new Set(start);
  let keyFrontier = new Set<string>();
  let truncated = false;

  const take = (rows: FactRow[]) => {
    for (const row of rows) {
      if (facts.has(row.fact_id)) continue;
      facts.set(row.fact_id, { ...(JSON.parse(row.body) as RegistryFact), removedAt: row.removed_at === null ? null : Number(row.removed_at) });
      sourcePositions.set(row.fact_id, Number(row.source_position));
    }
  };

  while (shopFrontier.size > 0 || keyFrontier.size > 0) {
    const shops = [...shopFrontier].filter((s) => !seenShops.has(s));
    shopFrontier = new Set();
    for (const shop of shops) seenShops.add(shop);
    for (const chunk of chunks(shops, 400)) {
      const list = placeholders(chunk.length, 2);
      const rows = await sql.rows<FactRow>(
        // Removed facts too: a shop's first mention decides which shop names its operator.
        `SELECT ${COLUMNS} FROM resolution_facts WHERE (shop IN (${list}) OR shop_b IN (${list})) AND added_at <= $1`,
        [position, ...chunk],
      );
      take(rows);
      for (const row of rows) {
        if (row.removed_at !== null && Number(row.removed_at) <= position) continue;
        for (const shop of [row.shop, row.shop_b]) if (shop && !seenShops.has(shop)) shopFrontier.add(shop);
        for (const key of [row.key1, row.key2]) if (key && !seenKeys.has(key) && !isLeadKey(key)) keyFrontier.add(key);
      }
    }
    if (seenShops.size >= options.maxShops) {
      truncated = shopFrontier.size > 0 || keyFrontier.size > 0;
      break;
    }

    const keys = [...keyFrontier].filter((k) => !seenKeys.has(k));
    keyFrontier = new Set();
    for (const key of keys) seenKeys.add(key);
    for (const chunk of chunks(keys, 400)) {
      // Attestations on these keys (an account, a phone) and by these holders (a person's other accounts).
      const list = placeholders(chunk.length, 2);
      // An attestation names no shop: asked so, each side seeks its (key, shop) index straight to the
      // attestations instead of reading every claim on the key (thousands on a hub) to find none.
      const attestations = await sql.rows<FactRow>(
        ['key1', 'key2'].map((column) => `SELECT ${COLUMNS} FROM resolution_facts WHERE ${column} IN (${list}) AND shop IS NULL AND kind = 'holderAttestation' AND ${KNOWN}`).join(' UNION ALL '),
        [position, ...chunk],
      );
      take(attestations);
      for (const row of attestations) for (const key of [row.key1, row.key2]) if (key && !seenKeys.has(key)) keyFrontier.add(key);
    }
    // Each key's shops, then those shops' facts on the key: one statement each for all the keys of
    // the level (a subquery per key, as each key alone was asked before), not two per key.
    const walks: KeyWalk[] = keys.map((key) => {
      // A person (the holder an attestation names) ties together the shops that state the person's
      // ID and those paying into the person's attested accounts, even an account too shared to join
      // by itself: so those shops are walked through the person, up to a wider cap.
      const accounts = isPersonKey(key) ? [...facts.values()].flatMap((f) => (f.kind === 'holderAttestation' && identifiedKeyOf(f.holder) === key ? [identifierKey(f.identifier)] : [])) : [];
      const cap = accounts.length > 0 ? options.hubThreshold * PERSON_CAP_FACTOR : options.hubThreshold;
      return { stated: [key, ...new Set(accounts)], cap, holders: [], rows: [] };
    });
    await perKey(
      sql,
      walks,
      [position, options.date],
      (walk, list) =>
        `SELECT DISTINCT shop FROM resolution_facts WHERE key1 IN (${list(walk.stated)}) AND shop IS NOT NULL AND ${KNOWN} AND ${VALID_ON_2} LIMIT ${walk.cap + 1}`,
      (walk, row: { shop: string }) => walk.holders.push(row.shop),
    );
    const found = walks.filter((walk) => walk.holders.length > 0);
    await perKey(
      sql,
      found,
      [position, options.date],
      (walk, list) => `SELECT ${COLUMNS} FROM resolution_facts WHERE key1 IN (${list(walk.stated)}) AND shop IN (${list(walk.holders)}) AND ${KNOWN} AND ${VALID_ON_2}`,
      (walk, row: FactRow) => walk.rows.push(row),
    );
    for (const walk of found) {
      const isHub = walk.holders.length > walk.cap;
      if (isHub) hubs.add(walk.stated[0]);
      take(walk.rows);
      if (!isHub) for (const shop of walk.holders) if (!seenShops.has(shop)) shopFrontier.add(shop);
    }
  }
  return { facts: [...facts.values()], hubs, truncated, sourcePositions };
}

/** A key walked at one level: the keys stated for it (a person's accounts with the person), its shops up to the cap, their facts on those keys. */
interface KeyWalk {
  readonly stated: string[];
  readonly cap: number;
  readonly holders: string[];
  readonly rows: FactRow[];
}

/**
 * One statement for many keys: `query` of each, as a subquery, joined by UNION ALL and told apart by
 * its index; each row goes to `into` with the item it answers. `fixed` are $1, $2…; `list` numbers
 * the item's own parameters after them.
 */
async function perKey<T, R>(
  sql: Sql,
  items: readonly T[],
  fixed: readonly unknown[],
  query: (item: T, list: (values: readonly unknown[]) => string) => string,
  into: (item: T, row: R) => void,
): Promise<void> {
  for (const chunk of chunks(items, 100)) {
    const params: unknown[] = [...fixed];
    const list = (values: readonly unknown[]) => values.map((value) => `$${params.push(value)}`).join(', ');
    const text = chunk.map((item, k) => `SELECT ${k} AS k, q${k}.* FROM (${query(item, list)}) q${k}`).join(' UNION ALL ');
    const rows = await sql.rows<R & { k: number | string }>(text, params);
    for (const row of rows) into(chunk[Number(row.k)], row);
  }
}

/** How many shops state each key at the position (up to `cap`): the size of a lead, or of a hub. One statement for all the keys. */
export async function shopsStating(sql: Sql, keys: readonly string[], position: number, cap: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  await perKey(
    sql,
    [...counts.keys()],
    [position],
    (key, list) => {
      const n = list([key]);
      return `SELECT COUNT(*) AS n FROM (SELECT DISTINCT shop FROM resolution_facts WHERE (key1 = ${n} OR key2 = ${n}) AND shop IS NOT NULL AND ${KNOWN} LIMIT ${cap}) s`;
    },
    (key, row: { n: number | string }) => counts.set(key, Number(row.n)),
  );
  return counts;
}

/**
 * How many shops a person's accounts may be stated by before the walk stops at the person: the
 * resolution counts only the claims attributed to that person, which SQL cannot tell apart, so
 * the walk goes further than the hub threshold. Past it, the answer may miss shops joined through
 * a person whose accounts more than this many shops state (a payment intermediary's holder).
 */
const PERSON_CAP_FACTOR = 10;

const isPersonKey = (key: string) => key.startsWith('nationalId:') || key.startsWith('taxCode:');

const placeholders = (count: number, first: number) => Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
