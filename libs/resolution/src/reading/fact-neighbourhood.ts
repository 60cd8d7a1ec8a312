import { Sql, nextTurn } from '@registry/event-store';
import { FactRow, factIdOf, factOf, kindCode, amongNames, keyIdsAmong, readFactRows } from '../identity-graph/fact-table';
import {
  GraphEdge,
  HolderAttestationFact,
  HubGraph,
  RegistryFact,
  ResolutionPolicy,
  ShopKey,
  groupsIfNoHubs,
  hubGraphOf,
  identifierKey,
  isPersonEdge,
  knownAt,
  shopEdgesAt,
  shopsNamedBy,
} from '../domain';
import { HubVerdicts, JudgementReads } from './hub-verdicts';
import { AttestedBy, KeyListings, Listing } from './key-listings';
import { ShopFacts, rowsNamingShops } from './shop-facts';

/** Keys that never join shops, only point at leads: they are counted, never walked through. */
const isLeadKey = (key: string) => key.startsWith('address:') || key.startsWith('personName:');
const isPersonKey = (key: string) => key.startsWith('nationalId:') || key.startsWith('taxCode:');
/** Keys that can show that a hub's shops are related otherwise (see RELATING in domain/hubs.ts): their own verdicts matter. */
const isRelatingKey = (key: string) => isPersonKey(key) || key.startsWith('bankAccount:') || key.startsWith('eWallet:');

export interface Neighbourhood {
  readonly facts: RegistryFact[];
  /** Keys found to be hubs: their shops beyond the sample were not read. */
  readonly hubs: ReadonlySet<string>;
  /** Whether the walk stopped at `maxShops` before reaching the whole component. */
  readonly truncated: boolean;
  /** The shops walked: the components of the start shops, without the hub samples read only to judge a key. */
  readonly walked: ReadonlySet<ShopKey>;
  /** For each fact, the event it was read from: to show the values behind its blind indexes. */
  readonly sourcePositions: ReadonlyMap<string, number>;
}

export interface WalkOptions {
  readonly policy: ResolutionPolicy;
  readonly maxShops: number;
  readonly date: string;
  /** Verdicts judged at the same point by other walks, which this one adds to (see HubVerdicts). */
  readonly verdicts?: HubVerdicts;
  /** Shops' facts read by other walks at this point or before it, up to a later one (see ShopFacts). */
  readonly shopFacts?: ShopFacts;
  /** Keys' listings and attestations other walks at this point made or took (carried from an earlier point too), which this one adds to (see KeyListings). */
  readonly listings?: KeyListings;
}

/** Known at the position: added by then and not yet removed. */
const KNOWN = `f.added_at <= $1 AND (f.removed_at IS NULL OR f.removed_at > $1)`;
/** Valid on the date in parameter 2 (calendar dates compare as text), as the resolution judges a claim that stands. */
const VALID_ON_2 = `(f.valid_from IS NULL OR f.valid_from <= $2) AND (f.valid_to IS NULL OR f.valid_to >= $2)`;

/**
 * The facts around some shops, read from the identity-graph table as it stood at `position`, so
 * that resolving them alone gives those shops the operators the whole graph gives them: shops, the
 * keys they state, the attestations on those keys and the holders they name, the shops on those
 * keys, and so on, until the component is complete. A key stated by more than `hubThreshold` shops
 * is judged before the walk goes on through it: the facts of its first shops in shop order (enough
 * to hold the core's sample, see SAMPLE_READ_FACTOR) are read, and those of the relating keys they
 * share that are as big, until
 * the resolution of what is read can tell whether it is a hub (see domain/hubs.ts). A hub is not
 * walked through; any other key is, whatever its size. Lead keys (addresses, names) never are.
 */
export async function readNeighbourhood(sql: Sql, start: readonly ShopKey[], position: number, options: WalkOptions): Promise<Neighbourhood> {
  for (const [what, shared] of [
    ['hub verdicts', options.verdicts],
    ['key listings', options.listings],
  ] as const) {
    if (shared && (shared.position !== position || shared.date !== options.date)) {
      throw new Error(`${what} of ${shared.position} on ${shared.date} given to a walk at ${position} on ${options.date}`);
    }
  }
  return new Walk(sql, position, options).from(start);
}

class Walk {
  private readonly facts = new Map<string, RegistryFact>();
  /** The facts read by shop, and the attestations: what judging a key from its sample resolves. */
  private readonly factsOfShop = new Map<ShopKey, RegistryFact[]>();
  /** The attestations read, by the identifier they attest. */
  private readonly attestationsOn = new Map<string, HolderAttestationFact[]>();
  private readonly sourcePositions = new Map<string, number>();
  /** The keys each read shop's standing facts state. */
  private readonly keysOfShop = new Map<ShopKey, Set<string>>();
  /** The shops each read shop is linked to by a standing link. */
  private readonly linkedTo = new Map<ShopKey, Set<ShopKey>>();
  /** The holders (person keys) attested for an account, a wallet or a phone. */
  private readonly holdersOf = new Map<string, Set<string>>();
  /** The accounts, wallets and phones attested to a holder. */
  private readonly heldBy = new Map<string, Set<string>>();
  private readonly attestationsRead = new Set<string>();
  private readonly listings = new Map<string, Listing>();
  /** Whether each key judged is a hub. */
  private readonly verdicts = new Map<string, boolean>();
  /** Each read shop's edges at the walk's point, as judging worked them out (see `edgesOf`). */
  private readonly edgesOfShop = new Map<ShopKey, readonly GraphEdge[]>();

  constructor(
    private readonly sql: Sql,
    private readonly position: number,
    private readonly options: WalkOptions,
  ) {}

  async from(start: readonly ShopKey[]): Promise<Neighbourhood> {
    const walked = new Set<ShopKey>();
    const expanded = new Set<string>();
    let frontier = new Set(start);
    let truncated = false;
    while (frontier.size > 0) {
      // A step is the unit of work: a walk of thousands of shops (a build of the view) leaves
      // requests their turn between steps, on the embedded store too (see nextTurn).
      if (walked.size > 0) await nextTurn();
      const shops = [...frontier].filter((shop) => !walked.has(shop));
      frontier = new Set();
      for (const shop of shops) walked.add(shop);
      const keys = [...(await this.readShops(shops))].filter((key) => !expanded.has(key));
      if (walked.size >= this.options.maxShops) {
        truncated = keys.length > 0 || shops.some((shop) => [...(this.linkedTo.get(shop) ?? [])].some((other) => !walked.has(other)));
        break;
      }
      for (const key of keys) expanded.add(key);
      await this.list(keys.filter((key) => !this.listings.has(key)));
      await this.judge(keys.filter((key) => this.listings.get(key)!.shops.length > this.options.policy.hubThreshold));
      const through = keys.filter((key) => this.verdicts.get(key) !== true);
      await this.list(
        through.filter((key) => !this.listings.get(key)!.complete),
        this.options.maxShops,
      );
      for (const key of through) for (const shop of this.listings.get(key)!.shops) if (!walked.has(shop)) frontier.add(shop);
      for (const shop of shops) for (const other of this.linkedTo.get(shop) ?? []) if (!walked.has(other)) frontier.add(other);
    }
    const hubs = new Set([...this.verdicts].filter(([, hub]) => hub).map(([key]) => key));
    return { facts: [...this.facts.values()], hubs, truncated, sourcePositions: this.sourcePositions, walked };
  }

  /**
   * Reads the facts of the shops not read yet (removed ones too: a shop's first mention decides
   * which shop names its operator) and the attestations on what they state; returns the keys the
   * shops' standing facts state, with the holders attested for them.
   */
  private async readShops(shops: readonly ShopKey[]): Promise<Set<string>> {
    const unread = shops.filter((shop) => !this.keysOfShop.has(shop));
    for (const shop of unread) this.keysOfShop.set(shop, new Set());
    // A walk reads each shop once: only facts shared with other walks are kept (see ShopFacts).
    const { shopFacts } = this.options;
    const rows = shopFacts ? await shopFacts.of(this.sql, unread, this.position) : await rowsNamingShops(this.sql, unread, this.position);
    this.take(rows);
    const attested = new Set<string>();
    for (const row of rows) {
      if (row.shop === null || (row.removed_at !== null && Number(row.removed_at) <= this.position)) continue;
      for (const shop of [row.shop, row.shop_b]) {
        const keys = shop === null ? undefined : this.keysOfShop.get(shop);
        if (keys) for (const key of [row.key1, row.key2]) if (key && !isLeadKey(key)) keys.add(key);
      }
      if (row.shop && row.shop_b) {
        getOrCreate(this.linkedTo, row.shop).add(row.shop_b);
        getOrCreate(this.linkedTo, row.shop_b).add(row.shop);
      }
      if (row.key1 && ATTESTED.test(row.key1)) attested.add(row.key1);
    }
    await this.attestations([...attested], 'key1');
    const keys = new Set<string>();
    for (const shop of shops) {
      for (const key of this.keysOfShop.get(shop) ?? []) {
        keys.add(key);
        for (const holder of this.holdersOf.get(key) ?? []) keys.add(holder);
      }
    }
    return keys;
  }

  /** Attestations on the identifiers (`key1`) or naming the holders (`key2`), each asked once. */
  private async attestations(keys: readonly string[], column: AttestedBy): Promise<void> {
    const fresh = keys.filter((key) => !this.attestationsRead.has(`${column}|${key}`));
    for (const key of fresh) this.attestationsRead.add(`${column}|${key}`);
    const shared = this.options.listings;
    const unread: string[] = [];
    for (const key of fresh) {
      const rows = shared?.attestationsOf(column, key);
      if (rows) this.takeAttestations(rows);
      else unread.push(key);
    }
    // An attestation names no shop: asked so, the (key, shop) index leads straight to the
    // attestations instead of reading every claim on the key (thousands on a hub) to find none.
    for (const chunk of chunks(unread, this.sql.dialect === 'postgres' ? Math.max(unread.length, 1) : 400)) {
      const { among, params } = keyIdsAmong(this.sql.dialect, chunk, 2);
      // One text a column on PostgreSQL (the keys an array): prepared once per connection.
      const rows = await readFactRows(this.sql, `f.${column} ${among} AND f.shop IS NULL AND f.kind = ${ATTESTATION} AND ${KNOWN}`, [this.position, ...params]);
      this.takeAttestations(rows);
      if (!shared) continue;
      const byKey = new Map<string, FactRow[]>(chunk.map((key) => [key, []]));
      for (const row of rows) byKey.get(row[column]!)?.push(row);
      for (const [key, found] of byKey) shared.recordAttestations(column, key, found);
    }
  }

  private takeAttestations(rows: readonly FactRow[]): void {
    this.take(rows);
    this.holders(rows);
  }

  /** Notes who the attestations among the rows say holds what. */
  private holders(rows: readonly FactRow[]): void {
    for (const row of rows) {
      if (row.shop !== null || Number(row.kind) !== ATTESTATION || !row.key1 || !row.key2) continue;
      getOrCreate(this.holdersOf, row.key1).add(row.key2);
      getOrCreate(this.heldBy, row.key2).add(row.key1);
    }
  }

  /**
   * Lists the shops on each key in shop order, up to SAMPLE_READ_FACTOR samples (enough to tell a
   * key that may be a hub and to read its sample) or up to `limit`; a longer listing another walk
   * at this point made serves as well (a sample is its first shops). A person's shops are those
   * stating the person's ID and those stating an account or phone the person is attested to hold.
   */
  private async list(asked: readonly string[], limit = this.options.policy.hubSample * SAMPLE_READ_FACTOR): Promise<void> {
    if (asked.length === 0) return;
    // The attestations naming a holder are facts of the walk, whoever listed the holder's shops.
    await this.attestations(asked.filter(isPersonKey), 'key2');
    const { listings } = this.options;
    const keys: string[] = [];
    for (const key of asked) {
      const listed = listings?.of(key, limit);
      if (listed) this.listings.set(key, listed);
      else keys.push(key);
    }
    if (keys.length === 0) return;
    const found = new Map<string, ShopKey[]>(keys.map((key) => [key, []]));
    if (this.sql.dialect === 'postgres') {
      // One statement for every key: each key's names (its own, and what its holder is attested
      // to hold) as pairs of arrays, and its shops listed by the same plan a key alone is.
      const ks: number[] = [];
      const names: string[] = [];
      keys.forEach((key, k) => {
        for (const name of [key, ...(this.heldBy.get(key) ?? [])]) {
          ks.push(k);
          names.push(name);
        }
      });
      const rows = await this.sql.rows<{ k: number | string; shop: string }>(
        `SELECT q.k, l.shop FROM (SELECT u.k, array_agg(n.id) AS ids FROM unnest($3::int[], $4::text[]) AS u(k, name)
             JOIN resolution_names n ON n.name = u.name GROUP BY u.k) q
           CROSS JOIN LATERAL (SELECT DISTINCT f.shop FROM resolution_facts f WHERE f.key1 = ANY(q.ids) AND f.shop IS NOT NULL AND ${KNOWN} AND ${VALID_ON_2}
             ORDER BY f.shop LIMIT ${limit + 1}) l`,
        [this.position, this.options.date, ks, names],
      );
      // A nested loop: each key's shops come together, in the lateral's order.
      for (const row of rows) found.get(keys[Number(row.k)])!.push(row.shop);
      this.listed(found, limit);
      return;
    }
    await perKeyOnSqlite(
      this.sql,
      keys,
      (key) => [key, ...(this.heldBy.get(key) ?? [])],
      [this.position, this.options.date],
      (names) =>
        `SELECT json_group_array(l.shop ORDER BY l.shop) FROM (SELECT DISTINCT f.shop FROM resolution_facts f WHERE f.key1 ${amongNames('sqlite', names)} AND f.shop IS NOT NULL AND ${KNOWN} AND ${VALID_ON_2} ORDER BY f.shop LIMIT ${limit + 1}) l`,
      (key, shops) => found.get(key)!.push(...(JSON.parse(String(shops)) as ShopKey[])),
    );
    this.listed(found, limit);
  }

  /** Each key's shops as listed up to `limit` (one more read tells whether that is all), for this walk and the others at its point. */
  private listed(found: ReadonlyMap<string, readonly ShopKey[]>, limit: number): void {
    for (const [key, shops] of found) {
      const listing = { shops: shops.slice(0, limit), complete: shops.length <= limit, limit };
      this.listings.set(key, listing);
      this.options.listings?.record(key, listing);
    }
  }

  /**
   * Judges keys with more shops than the threshold. First from the facts of each one's sample alone:
   * more groups than the threshold even if no other key were a hub is a hub for sure (a shipper's
   * clients, unrelated to each other). For the others, the relating keys their samples state that
   * are as big are judged too, from their own samples, until no new one turns up; then the samples
   * read are resolved and their verdicts kept, which depend on nothing else (not the rest of what the
   * walk read: resolving all of it again for each judgement cost a big operator's walk more than
   * the walk). Keys another walk at this point judged (`options.verdicts`) are taken, not judged.
   */
  private async judge(keys: readonly string[]): Promise<void> {
    const { hubThreshold } = this.options.policy;
    // The listing is a prefix, in shop order, of every shop on the key; the core samples the first
    // `hubSample` of those tied to it by control edges, which SQL cannot tell apart (a declared
    // owner's ID, a claim outside its holder's attestation): the whole prefix is read so that it
    // holds them.
    const sampleOf = (key: string) => this.sampleOf(key);
    const shared = this.options.verdicts;
    if (shared)
      await this.readJudged(
        keys.filter((key) => !this.verdicts.has(key) && shared.judgementOf(key) !== undefined),
        shared,
      );
    const fresh = keys.filter((key) => !this.verdicts.has(key));
    if (fresh.length === 0) return;
    await this.readShops(fresh.flatMap(sampleOf));
    const undecided: string[] = [];
    for (const key of fresh) {
      // A phone is a hub only when each of its subscribers' join keys is one (isHubIn): one of them
      // a hub for sure says nothing of the others, and the walk goes through the phone for those.
      const sample = this.graphOfSamples(sampleOf(key), false);
      const joinKeys = joinKeysOf(sample, key);
      if (joinKeys.length > 0 && joinKeys.every((joinKey) => groupsIfNoHubs(sample, joinKey, this.options.policy) > hubThreshold)) {
        this.verdicts.set(key, true);
        shared?.record(new Map([[key, true]]), this.readsOf([key]));
      } else undecided.push(key);
    }
    if (undecided.length === 0) return;

    const judged = new Set<string>();
    let pending = undecided;
    while (pending.length > 0) {
      for (const key of pending) judged.add(key);
      const stated = await this.readShops(pending.flatMap(sampleOf));
      // Those judged before too (in this walk, or before it): the verdict must not depend on what was.
      const relating = [...stated].filter((key) => isRelatingKey(key) && !judged.has(key));
      await this.list(relating.filter((key) => !this.listings.has(key)));
      pending = relating.filter((key) => this.listings.get(key)!.shops.length > hubThreshold);
    }
    const graph = this.graphOfSamples([...judged].flatMap(sampleOf), true);
    const verdicts = new Map([...judged].map((key) => [key, isHubIn(graph, key)]));
    // A key judged before keeps its verdict in this walk, which may have gone through it already.
    for (const [key, hub] of verdicts) if (!this.verdicts.has(key)) this.verdicts.set(key, hub);
    // Each key is shared with its own closure, not with every key judged beside it: a walk that meets
    // it reads no more than judging it there would. What the judgement read is noted once for all of
    // them (each closure's own would be dropped less often, but cost a pass over its samples a key).
    if (shared) {
      const reads = this.readsOf([...judged]);
      const neighbours = this.judgedNeighbours(judged);
      for (const key of undecided) shared.record(new Map(closureOf(key, neighbours).map((other) => [other, verdicts.get(other)!])), reads);
    }
  }

  /** For each key judged, the others judged that its sample states (or the holders attested to what it states). */
  private judgedNeighbours(judged: ReadonlySet<string>): Map<string, Set<string>> {
    const neighbours = new Map<string, Set<string>>();
    for (const key of judged) {
      const next = new Set<string>();
      for (const shop of this.sampleOf(key)) {
        for (const stated of this.keysOfShop.get(shop) ?? []) {
          if (judged.has(stated)) next.add(stated);
          for (const holder of this.holdersOf.get(stated) ?? []) if (judged.has(holder)) next.add(holder);
        }
      }
      neighbours.set(key, next);
    }
    return neighbours;
  }

  /**
   * The shops a key is judged from: the first of its listing, in shop order, as many as a listing
   * before the walk goes through the key holds, so that a key walked through already is judged
   * from what it would have been judged from otherwise.
   */
  private sampleOf(key: string): readonly ShopKey[] {
    return this.listings.get(key)!.shops.slice(0, this.options.policy.hubSample * SAMPLE_READ_FACTOR);
  }

  /** What judging the keys read: their samples' shops, and the keys those state with the holders attested to them. */
  private readsOf(keys: readonly string[]): JudgementReads {
    const shops = new Set(keys.flatMap((key) => this.sampleOf(key)));
    const stated = new Set(keys);
    for (const shop of shops) {
      for (const key of this.keysOfShop.get(shop) ?? []) {
        stated.add(key);
        for (const holder of this.holdersOf.get(key) ?? []) stated.add(holder);
      }
    }
    return { shops, keys: stated };
  }

  /**
   * Keys another walk at this point judged: the samples of the keys judged with each are read, as
   * judging it here would have read them, and their verdicts taken.
   */
  private async readJudged(keys: readonly string[], shared: HubVerdicts): Promise<void> {
    const judgements = new Set(keys.map((key) => shared.judgementOf(key)!));
    const judgedWith = new Set<string>();
    for (const judgement of judgements) for (const key of judgement.verdicts.keys()) judgedWith.add(key);
    await this.list([...judgedWith].filter((key) => !this.listings.has(key)));
    await this.readShops([...judgedWith].flatMap((key) => this.sampleOf(key)));
    // A key judged before keeps its verdict in this walk, as when it judges.
    for (const judgement of judgements) for (const [key, hub] of judgement.verdicts) if (!this.verdicts.has(key)) this.verdicts.set(key, hub);
  }

  /**
   * The graph of the shops' edges alone, each shop's from its own facts and the attestations read on
   * what it states (the only ones its claims are attributed by), resolved as far as a verdict reads:
   * the edges, and with `judgeHubs` the hubs among their keys.
   */
  private graphOfSamples(shops: readonly ShopKey[], judgeHubs: boolean): HubGraph {
    return hubGraphOf(
      [...new Set(shops)].map((shop) => this.edgesOf(shop)),
      this.asOf,
      this.options.policy,
      judgeHubs,
    );
  }

  /**
   * A read shop's edges at the walk's point: worked out once, since a walk judges many keys from
   * samples that share shops. Complete once the shop is read: its facts are read together, with the
   * attestations on every identifier they state.
   */
  private edgesOf(shop: ShopKey): readonly GraphEdge[] {
    let edges = this.edgesOfShop.get(shop);
    if (edges === undefined) {
      const attestationsOf = (key: string) => (this.attestationsOn.get(key) ?? []).filter((fact) => knownAt(fact, this.position));
      this.edgesOfShop.set(shop, (edges = shopEdgesAt(shop, this.factsOfShop.get(shop) ?? [], attestationsOf, this.asOf)));
    }
    return edges;
  }

  private get asOf() {
    return { position: this.position, date: this.options.date };
  }

  /** Keeps the facts of rows not read before (a link is read from both its shops, a hub's attestations by each walk step that meets them). */
  private take(rows: readonly FactRow[]): void {
    for (const row of rows) {
      const factId = factIdOf(row);
      if (this.facts.has(factId)) continue;
      const fact = factOf(row, factId);
      this.facts.set(fact.factId, fact);
      if (fact.kind === 'holderAttestation') {
        const on = identifierKey(fact.identifier);
        const known = this.attestationsOn.get(on);
        if (known) known.push(fact);
        else this.attestationsOn.set(on, [fact]);
      }
      for (const shop of shopsNamedBy(fact)) {
        const facts = this.factsOfShop.get(shop);
        if (facts) facts.push(fact);
        else this.factsOfShop.set(shop, [fact]);
      }
      this.sourcePositions.set(fact.factId, Number(row.source_position));
    }
  }
}

/** The key and those it reaches among the neighbours: the keys whose samples its verdict depends on. */
function closureOf(key: string, neighbours: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const reached = new Set([key]);
  const queue = [key];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const other of neighbours.get(next) ?? []) {
      if (!reached.has(other)) {
        reached.add(other);
        queue.push(other);
      }
    }
  }
  return [...reached];
}

const ATTESTED = /^(bankAccount|eWallet|phone):/;
const ATTESTATION = kindCode('holderAttestation');

/**
 * How many shops of a key are listed, per shop of the core's hub sample, before the key is judged:
 * room for the shops on the key that the core leaves out of its sample (declared identities,
 * claims its holder does not cover) so that the prefix read still holds the core's sample.
 */
const SAMPLE_READ_FACTOR = 4;

/**
 * Whether a stored key is a hub in the graph. A phone number is stored as `phone:…` but joins per
 * subscriber (`phone:…@…`): it is walked through unless every one of its join keys is a hub.
 */
function isHubIn(graph: HubGraph, key: string): boolean {
  if (!key.startsWith('phone:')) return graph.isHub(key);
  const joinKeys = joinKeysOf(graph, key);
  return joinKeys.length > 0 && joinKeys.every(graph.isHub);
}

/** The join keys a stored key stands for: a phone number's one per subscriber, any other key itself. */
function joinKeysOf(graph: HubGraph, key: string): string[] {
  if (!key.startsWith('phone:')) return [key];
  const joinKeys = new Set<string>();
  for (const shop of graph.holdersOf({ kind: 'phone', value: key.slice('phone:'.length) })) {
    for (const edge of graph.edgesOf(shop))
      if (edge.joinKey !== null && !isPersonEdge(edge) && edge.identifier !== null && identifierKey(edge.identifier) === key) joinKeys.add(edge.joinKey);
  }
  return [...joinKeys];
}

function getOrCreate(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/**
 * `query` for each of many keys on PostgreSQL; each row goes to `into` with the item it answers.
 * `fixed` are $1, $2…; `list` numbers the item's own parameters after them. One statement for 100
 * keys (the subqueries joined by UNION ALL and told apart by their index) saves the round trips.
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

/**
 * One value for each of many keys on SQLite, one statement a chunk of keys: `scalar` is a
 * subquery giving one key's value from its names, `names` (its text lists them: `IN (${names})`).
 * The keys' names go as one JSON parameter after `fixed`, so that the statement's text is the same
 * for any keys and is prepared once. A union of one subquery a key was new text on almost every
 * call (8 ms for 100 keys, 20,000 shops); one statement a key, prepared once, cost a bulk
 * onboarding four statements a shop. Chunks of KEYS_PER_STATEMENT, with a turn of the event loop
 * between them: a walk's first step from 500 shops lists some 2,500 keys, and chunks of 500 held
 * every request for 0.2–0.5 s.
 */
const KEYS_PER_STATEMENT = 100;

async function perKeyOnSqlite<T>(
  sql: Sql,
  items: readonly T[],
  namesOf: (item: T) => readonly string[],
  fixed: readonly unknown[],
  scalar: (names: string) => string,
  into: (item: T, value: unknown) => void,
): Promise<void> {
  for (const [n, chunk] of chunks(items, KEYS_PER_STATEMENT).entries()) {
    if (n > 0) await nextTurn();
    const rows = await sql.rows<{ k: number | string; v: unknown }>(
      `SELECT j.key AS k, (${scalar('SELECT value FROM json_each(j.value)')}) AS v FROM json_each($${fixed.length + 1}) j`,
      [...fixed, JSON.stringify(chunk.map(namesOf))],
    );
    for (const row of rows) into(chunk[Number(row.k)], row.v);
  }
}

/** How many shops state each key at the position (up to `cap`): the size of a lead, or of a hub. One statement for all the keys. */
export async function shopsStating(sql: Sql, keys: readonly string[], position: number, cap: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  if (sql.dialect === 'sqlite') {
    await perKeyOnSqlite(
      sql,
      [...counts.keys()],
      (key) => [key],
      [position],
      (names) =>
        `SELECT COUNT(*) AS n FROM (SELECT DISTINCT f.shop FROM resolution_facts f WHERE (f.key1 ${amongNames('sqlite', names)} OR f.key2 ${amongNames('sqlite', names)}) AND f.shop IS NOT NULL AND ${KNOWN} LIMIT ${cap}) s`,
      (key, n) => counts.set(key, Number(n)),
    );
    return counts;
  }
  await perKey(
    sql,
    [...counts.keys()],
    [position],
    (key, list) => {
      const n = list([key]);
      return `SELECT COUNT(*) AS n FROM (SELECT DISTINCT f.shop FROM resolution_facts f WHERE (f.key1 ${amongNames(sql.dialect, n)} OR f.key2 ${amongNames(sql.dialect, n)}) AND f.shop IS NOT NULL AND ${KNOWN} LIMIT ${cap}) s`;
    },
    (key, row: { n: number | string }) => counts.set(key, Number(row.n)),
  );
  return counts;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
