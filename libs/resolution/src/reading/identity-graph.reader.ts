import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetShopStatuses } from '@registry/registration';
import { EventStore, SqlDatabase, checkpoints, preparedFor } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndex } from '@registry/privacy/core';
import { matchedKind, vietnamDateOf } from '@registry/shared-kernel';
import {
  AsOf,
  DEFAULT_RESOLUTION_POLICY,
  OperatorProfile,
  RegistryFact,
  ResolutionPolicy,
  ResolvedGraph,
  ShopKey,
  WhyAnswer,
  howFormed,
  identifierKey,
  operatorOfShop,
  resolveAt,
  why,
} from '../domain';
import { FactRow, factOf, factSelect, nameIdOf } from '../identity-graph/fact-table';
import { Blind, factColumns } from '../identity-graph/facts-from-events';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { PersonTie, personTies } from '../domain/controllers/person-roles';
import { Neighbourhood, readNeighbourhood } from './fact-neighbourhood';
import { KeyCounts, ShopCounter, countsFrom } from './key-counts';
import { CountedOperator, countLeads, countStated, keySizes } from './lead-counts';
import { graphChanged } from './graph-changed';
import { attestationsNaming, attestationsOn, claimsOn, factsOfShops } from './person-facts';
import { ShownSource, clearValuesFrom, clearValuesOf, reveal, revealOwned, shownSources, tokensIn } from './reveal';
import { ViewPoint, ViewedOperator, operatorViewTables } from '../operator-view/operator-view.store';
import { keptShopCounts } from '../operator-view/key-shops.sql';

export const RESOLUTION_POLICY = Symbol('RESOLUTION_POLICY');

/** Where a read stands: the event position it reflects and the calendar date periods are judged on. */
export interface ReadPoint extends AsOf {
  readonly recordedBy: string | null;
}

/** Whom an answer is about, by shop key and by person key (blind indexes, never clear values): what the audit trail records. */
export interface Subjects {
  readonly shops: readonly string[];
  readonly persons: readonly string[];
}

export interface Resolved {
  readonly point: ReadPoint;
  readonly graph: ResolvedGraph;
  readonly neighbourhood: Neighbourhood;
}

/** Largest component walked for one answer; beyond it the answer says it is truncated. */
export const MAX_SHOPS = 5000;
/** Shops an identifier search lists. */
const MAX_LISTED = 10000;

export const isPersonKind = (kind: string) => kind === 'nationalId' || kind === 'taxCode';

/** A neighbourhood resolved at the point. */
export function resolveWalked(neighbourhood: Neighbourhood, point: AsOf, policy: ResolutionPolicy): ResolvedGraph {
  return resolveInOrder(neighbourhood.facts, point, policy);
}

/**
 * Facts resolved in the order they were recorded, not the order they were read: an answer about a
 * shop (the order of the groups a nominee fronts, or of its ties, say) must not depend on where the
 * walk started or how the facts were found.
 */
function resolveInOrder(facts: readonly RegistryFact[], point: AsOf, policy: ResolutionPolicy): ResolvedGraph {
  const ordered = [...facts].sort((a, b) => a.addedAt - b.addedAt || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0));
  return resolveAt(ordered, point, policy);
}

/**
 * Answers enforcement's questions from the identity-graph read model: reads the facts around the
 * shops asked about as they stood at the read point, resolves them with the domain core, and shows
 * the values behind the blind indexes from the (decrypted) events the facts came from.
 */
@Injectable()
export class IdentityGraphReader {
  private readonly blind: Blind;
  /** The sizes of leads and hubs, remembered while the graph does not change (reads move its position, not its facts). */
  private readonly counts: KeyCounts;
  /** The same sizes as the operator view keeps them, for its answers. */
  private readonly keptCounts: ShopCounter;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly queries: QueryBus,
    @Inject(KEYRING) keyring: Keyring,
    @Inject(RESOLUTION_POLICY) private readonly policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY,
  ) {
    this.blind = (kind, value) => blindIndex(keyring.indexKey, kind, value);
    this.counts = new KeyCounts(db.reader, store);
    this.keptCounts = keptShopCounts(db.reader, this.counts.count);
  }

  /** `asOf` absent: now, at what the graph has applied. Present: the last event recorded by then. */
  async pointOf(asOf?: Date): Promise<ReadPoint> {
    const applied = await checkpoints.read(this.db.reader, IDENTITY_GRAPH_PROJECTION);
    if (!asOf) return { position: applied, date: vietnamDateOf(new Date()), recordedBy: null };
    const position = Math.min(applied, await this.store.positionAt(asOf.toISOString()));
    return { position, date: vietnamDateOf(asOf), recordedBy: asOf.toISOString() };
  }

  /**
   * At "now" (no `asOf`), from the operator view: the answer at the view's point, which the answer
   * carries (a view behind the graph answers where it stands, as fast). Else, or while no view is
   * built, walked.
   */
  async operatorOf(shop: ShopKey, asOf?: Date) {
    const viewed = asOf ? null : await operatorViewTables.operatorOf(this.db.reader, shop);
    if (!viewed) return this.walkedOperatorOf(shop, await this.pointOf(asOf));
    const point: ReadPoint = { ...viewed.point, recordedBy: null };
    if (!viewed.operator) return { point, operator: null, truncated: false, subjects: { shops: [shop], persons: [] } };
    return { point, ...(await this.shownFromView(viewed.operator, point)) };
  }

  /**
   * At "now", the operators of several shops from the operator view, all at one point of it: each
   * operator read once for all its shops. Null while no view is built, or when the view moved on
   * while the shops were read, three times over (the caller then walks).
   */
  async operatorsInView(shops: readonly ShopKey[]) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const read = new Map<ShopKey, ViewedOperator | null>();
      let at: ViewPoint | null = null;
      let moved = false;
      for (const shop of shops) {
        if (read.has(shop)) continue;
        const viewed = await operatorViewTables.operatorOf(this.db.reader, shop);
        if (!viewed) return null;
        if (at !== null && (viewed.point.position !== at.position || viewed.point.date !== at.date)) {
          moved = true;
          break;
        }
        at = viewed.point;
        read.set(shop, viewed.operator);
        for (const member of viewed.operator?.answer.shops ?? []) read.set(member.shop, viewed.operator);
      }
      if (moved || at === null) continue;
      const point: ReadPoint = { ...at, recordedBy: null };
      const shown = new Map<string, ReturnType<IdentityGraphReader['shownFromView']>>();
      for (const operator of read.values())
        if (operator && !shown.has(operator.operatorId)) shown.set(operator.operatorId, this.shownFromView(operator, point));
      const answers = new Map<ShopKey, Awaited<ReturnType<IdentityGraphReader['shownFromView']>> | null>();
      for (const [shop, operator] of read) answers.set(shop, operator ? await shown.get(operator.operatorId)! : null);
      return { point, answers };
    }
    return null;
  }

  /** Where the operator view stands, as a read point; null while no view is built. */
  async viewPoint(): Promise<ReadPoint | null> {
    const at = await operatorViewTables.point(this.db.reader);
    return at && { ...at, recordedBy: null };
  }

  /**
   * The view's operators of the shops as they stand at a point the view was at: null when no view is
   * built, or when the view has since moved to another date or past a change of the graph (audit
   * events alone move it without changing anything).
   */
  async operatorsInViewAt(shops: readonly ShopKey[], point: ReadPoint): Promise<Map<ShopKey, ViewedOperator> | null> {
    const read = await operatorViewTables.operatorsOf(this.db.reader, shops);
    if (!read || read.point.date !== point.date || read.point.position < point.position) return null;
    if (read.point.position === point.position) return read.operators;
    return (await graphChanged(this.db.reader, this.store, point.position, read.point.position)) ? null : read.operators;
  }

  /**
   * The person's ties to each shop at the point, without walking the shops' components: from the
   * shops' own facts and the attestations on what they state, which is all that ties a person to a
   * shop (a claim of their ID number, or of an account or phone attributed to them).
   */
  async personTiesAt(shops: readonly ShopKey[], personKey: string, point: ReadPoint): Promise<{ ties: PersonTie[]; sources: ShownSource[] }> {
    const own = await factsOfShops(this.db.reader, shops, point.position);
    const keys = new Set(own.facts.flatMap((fact) => factColumns(fact).key1 ?? []));
    const attestations = await attestationsOn(this.db.reader, [...keys], point.position);
    const graph = resolveInOrder([...own.facts, ...attestations.facts], point, this.policy);
    return {
      ties: shops.flatMap((shop) => personTies(graph, shop, personKey)),
      sources: shownSources([own, attestations].flatMap((read) => read.facts.map((fact, n) => ({ fact, position: read.sourcePositions[n] })))),
    };
  }

  /** An operator as the view keeps it, shown as a read at the view's point shows it: counted, with statuses and clear values. */
  private async shownFromView({ answer, sources, truncated, keptCounts }: ViewedOperator, point: ReadPoint) {
    // Independent reads, asked at once. The leads and hubs are sized at the view's point, as the walk counts them.
    const statuses = this.statusesOf(answer.shops.map((s) => s.shop));
    // The stored answer's point is where its operator was last resolved; it is the view's point now.
    // Its counts came with its row when the row keeps its keys' numbers (read at that same point).
    const counter = keptCounts ? countsFrom(keptCounts, this.keptCounts) : this.keptCounts;
    const counted = await countStated(counter, { ...answer, asOf: point }, point.position);
    // Only the events that show a token of the answer are read, once counting has left out the leads it does not show.
    const clearValues = this.clearValuesShown(counted, sources);
    // The answer was unpacked from its row for this read alone: its values are revealed where they stand.
    const { operator, subjects } = await this.shown(counted, clearValues, statuses, revealOwned);
    return { operator, truncated, subjects };
  }

  /** The operator of a shop as the walk of the graph at the point finds it. */
  async walkedOperatorOf(shop: ShopKey, point: ReadPoint) {
    const { graph, neighbourhood } = await this.resolveFrom([shop], point);
    const found = operatorOfShop(graph, shop);
    if (!found) return { point, operator: null, truncated: false, subjects: { shops: [shop], persons: [] } };
    const { operator, subjects } = await this.answerFor(found, graph, point.position, this.clearValues(neighbourhood));
    return { point, operator, truncated: neighbourhood.truncated, subjects };
  }

  /** An operator as enforcement is shown it (shop statuses, counted leads and hubs, values in clear), and whom it names. */
  async answerFor(found: OperatorProfile, graph: ResolvedGraph, position: number, clearValues: Promise<Map<string, string>>) {
    // Independent reads, asked at once: one round trip's wait instead of three on PostgreSQL.
    const statuses = this.statusesOf(found.shops.map((s) => s.shop));
    return this.shown(await countLeads(this.counts.count, graph, found, position), clearValues, statuses);
  }

  /** A counted operator with its shops' statuses and its values in clear, and whom it names. */
  private async shown(
    counted: CountedOperator,
    clearValues: Promise<Map<string, string>>,
    statusesRead = this.statusesOf(counted.shops.map((s) => s.shop)),
    show: typeof reveal = reveal,
  ) {
    const [statuses, clear] = await Promise.all([statusesRead, clearValues]);
    const operator = { ...counted, shops: counted.shops.map((s) => ({ ...s, status: statuses.get(s.shop) ?? null })) };
    const subjects = {
      shops: counted.shops.map((s) => s.shop),
      persons: [
        ...new Set([...counted.controllers.map((c) => c.person.key), ...counted.shops.flatMap((s) => s.declaredOwners.map((o) => o.person?.key ?? null))]),
      ].filter((key): key is string => typeof key === 'string'),
    };
    return { operator: show(operator, clear), subjects };
  }

  async why(a: ShopKey, b: ShopKey, asOf?: Date) {
    const { point, graph, neighbourhood } = await this.resolve([a, b], asOf);
    const answer = await this.withHubSizes(why(graph, a, b), point.position);
    const shops = answer.joined ? [...new Set([a, b, ...answer.chain.flatMap((step) => [step.from, step.to])])] : [a, b];
    return { point, answer: await this.revealed(answer, neighbourhood), subjects: { shops, persons: [] } };
  }

  async formation(shop: ShopKey, asOf?: Date) {
    const { point, graph, neighbourhood } = await this.resolve([shop], asOf);
    const operatorId = graph.operatorOf(shop);
    const merges = operatorId === undefined ? null : howFormed(graph, operatorId);
    const shops = operatorId === undefined ? [shop] : [...graph.shopsOf(operatorId)];
    return { point, operatorId: operatorId ?? null, merges: await this.revealed(merges, neighbourhood), subjects: { shops, persons: [] } };
  }

  /** The operator as a graph to draw: shops and identifiers as nodes, what ties them as edges. */
  async network(shop: ShopKey, asOf?: Date) {
    const { point, graph, neighbourhood } = await this.resolve([shop], asOf);
    const operatorId = graph.operatorOf(shop);
    if (operatorId === undefined) return { point, operatorId: null, nodes: [], edges: [], subjects: { shops: [shop], persons: [] } };
    const nodes = new Map<string, { id: string; type: 'shop' | 'identifier'; label: string; hub?: boolean; nominee?: boolean }>();
    const edges: { source: string; target: string; basis: string | null; role: string; joins: boolean; facts: string[] }[] = [];
    for (const member of graph.shopsOf(operatorId)) {
      nodes.set(member, { id: member, type: 'shop', label: member });
      for (const edge of graph.edgesOf(member)) {
        const target = edge.joinKey ?? (edge.identifier ? identifierKey(edge.identifier) : null);
        if (target === null) continue;
        const isHub = edge.joinKey !== null && graph.isHub(edge.joinKey);
        const isNominee = edge.joinKey !== null && graph.isNominee(edge.joinKey);
        if (!nodes.has(target)) nodes.set(target, { id: target, type: 'identifier', label: target, hub: isHub, nominee: isNominee });
        edges.push({
          source: member,
          target,
          basis: edge.basis,
          role: edge.role,
          // Joins: the key ties this shop to another of the operator's shops.
          joins: edge.joinKey !== null && !isHub && !(edge.declared && isNominee) && graph.shopsOn(edge.joinKey).size > 1,
          facts: [edge.fact.factId],
        });
      }
    }
    const subjects = {
      shops: [...graph.shopsOf(operatorId)],
      persons: [...nodes.keys()].filter((id) => id.startsWith('nationalId:') || id.startsWith('taxCode:')),
    };
    return { point, operatorId, ...(await this.revealed({ nodes: [...nodes.values()], edges }, neighbourhood)), subjects };
  }

  /** The key an identifier is stored under: the kind it is matched under (`matchedKind`) and its blind index. */
  keyOf(kind: string, value: string): string {
    const matched = matchedKind(kind, value);
    return `${matched}:${this.blind(matched, value)}`;
  }

  /**
   * The keys the audit trail may name the identifier's person by: `keyOf`'s and, for a 12-digit ID
   * number, the `taxCode:` key that reads by it as a tax code were recorded under before it was
   * matched as the national ID it is (PersonalTaxCodesAsNationalIds1764400340000).
   */
  auditKeysOf(kind: string, value: string): string[] {
    const key = this.keyOf(kind, value);
    const personalNumber = (kind === 'nationalId' || kind === 'taxCode') && matchedKind('taxCode', value) === 'nationalId';
    return personalNumber ? [key, `taxCode:${this.blind('taxCode', value)}`] : [key];
  }

  /**
   * Every shop that states the identifier, across platforms; for a person's ID number also every shop
   * stating an account, wallet or phone a partner attests to that person (for the claim's date).
   * Each shop says how it was found: `stated`, `attestedHolder`, `attestedSubscriber`.
   */
  async shopsByIdentifier(identifier: { kind: string; value: string }, asOf?: Date) {
    const point = await this.pointOf(asOf);
    const key = this.keyOf(identifier.kind, identifier.value);
    // The key's number, looked up once for both columns.
    const { id: keyId, params } = nameIdOf(this.db.reader.dialect, key, 2);
    // The same text for every identifier: prepared once per connection on PostgreSQL.
    const rows = await this.db.reader.rows<FactRow>(
      preparedFor(
        this.db.reader.dialect,
        `${factSelect(this.db.reader.dialect)}
        WHERE (f.key1 = ${keyId} OR f.key2 = ${keyId}) AND f.shop IS NOT NULL AND f.added_at <= $1 AND (f.removed_at IS NULL OR f.removed_at > $1)
        ORDER BY f.shop LIMIT 10001`,
      ),
      [point.position, ...params],
    );
    const byShop = new Map<
      string,
      { shop: string; platformId: string; shopId: string; found: Set<PersonTie['how']>; roles: Set<string>; facts: unknown[]; via: unknown[] }
    >();
    const entryOf = (shop: string) => {
      const entry = byShop.get(shop) ?? {
        shop,
        platformId: shop.slice(0, shop.indexOf(':')),
        shopId: shop.slice(shop.indexOf(':') + 1),
        found: new Set<PersonTie['how']>(),
        roles: new Set<string>(),
        facts: [],
        via: [],
      };
      byShop.set(shop, entry);
      return entry;
    };
    for (const row of rows.slice(0, MAX_LISTED)) {
      const fact = factOf(row);
      const entry = entryOf(row.shop!);
      entry.found.add('stated');
      entry.roles.add('role' in fact ? fact.role : fact.kind);
      entry.facts.push({ factId: fact.factId, kind: fact.kind, provenance: fact.provenance });
    }
    const isPerson = isPersonKind(identifier.kind);
    const held = isPerson ? await this.heldBy(key, point) : { ties: [], truncated: false, sourcePositions: [] };
    for (const tie of held.ties) {
      const entry = entryOf(tie.shop);
      entry.found.add(tie.how);
      entry.roles.add(tie.role);
      entry.via.push({ how: tie.how, role: tie.role, identifier: tie.identifier, facts: tie.facts });
    }
    const [statuses, clear] = await Promise.all([this.statusesOf([...byShop.keys()]), this.clearValuesAt(held.sourcePositions)]);
    return {
      subjects: { shops: [...byShop.keys()], persons: isPerson ? [key] : [] },
      point,
      lead: identifier.kind === 'address' || identifier.kind === 'personName',
      truncated: rows.length > MAX_LISTED || held.truncated,
      shops: reveal(
        [...byShop.values()].map(({ via, found, ...s }) => ({
          ...s,
          found: [...found],
          roles: [...s.roles],
          status: statuses.get(s.shop) ?? null,
          ...(via.length > 0 ? { via } : {}),
        })),
        clear,
      ),
    };
  }

  /** The shops whose account, wallet or phone claims are attributed to the person (the holder attested for the claim's date), as the resolution attributes them. */
  private async heldBy(personKey: string, point: ReadPoint) {
    const naming = await attestationsNaming(this.db.reader, personKey, point.position);
    const keys = [...new Set(naming.facts.map((a) => identifierKey(a.identifier)))];
    if (keys.length === 0) return { ties: [], truncated: false, sourcePositions: [] };
    // Every attestation on those keys, not only the person's: a recycled number's claims belong to whoever held it then.
    const [attestations, claims] = await Promise.all([
      attestationsOn(this.db.reader, keys, point.position),
      claimsOn(this.db.reader, keys, point.position, MAX_LISTED + 1),
    ]);
    const graph = resolveAt([...attestations.facts, ...claims.facts.slice(0, MAX_LISTED)], point, this.policy);
    const shops = new Set(
      claims.facts.slice(0, MAX_LISTED).flatMap((fact) => (fact.kind === 'shopIdentifier' || fact.kind === 'pickupPoint' ? [fact.shop] : [])),
    );
    const ties = [...shops].flatMap((shop) => personTies(graph, shop, personKey).filter((tie) => tie.how !== 'stated'));
    return { ties, truncated: claims.facts.length > MAX_LISTED, sourcePositions: naming.sourcePositions };
  }

  private async resolve(shops: readonly ShopKey[], asOf?: Date): Promise<Resolved> {
    return this.resolveFrom(shops, await this.pointOf(asOf));
  }

  /** The neighbourhood of the shops at the point, resolved: every operator they belong to lies inside. */
  async resolveFrom(shops: readonly ShopKey[], point: ReadPoint): Promise<Resolved> {
    const neighbourhood = await readNeighbourhood(this.db.reader, shops, point.position, { policy: this.policy, maxShops: MAX_SHOPS, date: point.date });
    return { point, graph: resolveWalked(neighbourhood, point, this.policy), neighbourhood };
  }

  /** A why answer with each hub's size counted over the whole graph, as the operator answer counts it. */
  private async withHubSizes(answer: WhyAnswer, position: number): Promise<WhyAnswer> {
    if (answer.joined || !answer.reasons.some((reason) => reason.kind === 'hub')) return answer;
    const count = await this.sizes(
      answer.reasons.flatMap((reason) => (reason.kind === 'hub' ? [reason.joinKey] : [])),
      position,
    );
    return { ...answer, reasons: answer.reasons.map((reason) => (reason.kind === 'hub' ? { ...reason, ...count(reason.joinKey) } : reason)) };
  }

  private sizes(keys: readonly string[], position: number) {
    return keySizes(this.counts.count, keys, position);
  }

  private async revealed<T>(answer: T, neighbourhood: Neighbourhood): Promise<T> {
    return reveal(answer, await this.clearValues(neighbourhood));
  }

  /** The values behind the blind indexes of the neighbourhood, from the (decrypted) events its facts came from. */
  clearValues(neighbourhood: Neighbourhood): Promise<Map<string, string>> {
    return this.clearValuesAt([...neighbourhood.sourcePositions.values()]);
  }

  /** The values behind the blind indexes in the events at these positions. */
  async clearValuesAt(positions: readonly number[]): Promise<Map<string, string>> {
    const clear = new Map<string, string>();
    for (const found of (await this.valuesByEvent(positions)).values()) for (const [token, value] of found) clear.set(token, value);
    return clear;
  }

  /**
   * The values behind the tokens an answer holds, as `clearValuesAt` of all the sources gives them
   * (the same answer revealed), from only the events that show them.
   */
  clearValuesShown(answer: unknown, sources: readonly ShownSource[]): Promise<Map<string, string>> {
    return clearValuesFrom(tokensIn(answer), sources, (positions) => this.valuesByEvent(positions));
  }

  /** Each event's values behind its blind indexes, by position, in position order (an empty map where no event is). */
  private async valuesByEvent(positions: readonly number[]): Promise<Map<number, Map<string, string>>> {
    const unique = [...new Set(positions)].sort((a, b) => a - b);
    const byEvent = new Map<number, Map<string, string>>(unique.map((position) => [position, new Map()]));
    const events = await this.store.readPositions(unique);
    // An operator's events state the same values again (an owner's ID and name in several claims, an
    // address as warehouse and return address): each is blinded once per read, and forgotten with it.
    const blinded = new Map<string, string>();
    const blindOnce: Blind = (kind, value) => {
      const key = `${kind}\u0000${value}`;
      let index = blinded.get(key);
      if (index === undefined) blinded.set(key, (index = this.blind(kind, value)));
      return index;
    };
    for (const event of events) clearValuesOf(event, blindOnce, byEvent.get(event.position)!);
    return byEvent;
  }

  /** Each shop's status in the platform's directory (active, suspended, closed), as registration answers it. */
  statusesOf(shops: readonly string[]): Promise<Map<string, string>> {
    return this.queries.execute(new GetShopStatuses(shops));
  }
}
