import { Inject, Injectable } from '@nestjs/common';
import { SqlDatabase, SqlEventStore, checkpoints } from '@registry/event-store';
import { KEYRING } from '@registry/platform';
import { Keyring, blindIndex } from '@registry/privacy/core';
import { vietnamDateOf } from '@registry/shared-kernel';
import {
  AsOf,
  DEFAULT_RESOLUTION_POLICY,
  IdentifierRef,
  OperatorProfile,
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
import { Blind } from '../identity-graph/facts-from-events';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { Neighbourhood, readNeighbourhood, shopsStating } from './fact-neighbourhood';
import { clearValuesOf, reveal } from './reveal';

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

interface Resolved {
  readonly point: ReadPoint;
  readonly graph: ResolvedGraph;
  readonly neighbourhood: Neighbourhood;
}

/** Largest component walked for one answer; beyond it the answer says it is truncated. */
const MAX_SHOPS = 5000;
/** Leads and hubs are counted up to this many shops; beyond it the answer says `moreThan`. */
const COUNT_CAP = 100;

/**
 * Answers enforcement's questions from the identity-graph read model: reads the facts around the
 * shops asked about as they stood at the read point, resolves them with the domain core, and shows
 * the values behind the blind indexes from the (decrypted) events the facts came from.
 */
@Injectable()
export class IdentityGraphReader {
  private readonly blind: Blind;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: SqlEventStore,
    @Inject(KEYRING) keyring: Keyring,
    @Inject(RESOLUTION_POLICY) private readonly policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY,
  ) {
    this.blind = (kind, value) => blindIndex(keyring.indexKey, kind, value);
  }

  /** `asOf` absent: now, at what the graph has applied. Present: the last event recorded by then. */
  async pointOf(asOf?: Date): Promise<ReadPoint> {
    const applied = await checkpoints.read(this.db.reader, IDENTITY_GRAPH_PROJECTION);
    if (!asOf) return { position: applied, date: vietnamDateOf(new Date()), recordedBy: null };
    const position = Math.min(applied, await this.store.positionAt(asOf.toISOString()));
    return { position, date: vietnamDateOf(asOf), recordedBy: asOf.toISOString() };
  }

  async operatorOf(shop: ShopKey, asOf?: Date) {
    const { point, graph, neighbourhood } = await this.resolve([shop], asOf);
    const found = operatorOfShop(graph, shop);
    if (!found) return { point, operator: null, truncated: false, subjects: { shops: [shop], persons: [] } };
    // Independent reads, asked at once: one round trip's wait instead of three on PostgreSQL.
    const [statuses, counted, clear] = await Promise.all([this.statusesOf(found.shops.map((s) => s.shop)), this.countLeads(graph, found, point.position), this.clearValues(neighbourhood)]);
    const operator = { ...counted, shops: found.shops.map((s) => ({ ...s, status: statuses.get(s.shop) ?? null })) };
    const subjects = {
      shops: found.shops.map((s) => s.shop),
      persons: [...new Set([...found.controllers.map((c) => c.person.key), ...found.shops.flatMap((s) => s.declaredOwners.map((o) => o.person?.key ?? null))])].filter(
        (key): key is string => typeof key === 'string',
      ),
    };
    return { point, operator: reveal(operator, clear), truncated: neighbourhood.truncated, subjects };
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

  /** The key an identifier is stored under: its kind and blind index. */
  keyOf(kind: string, value: string): string {
    return `${kind}:${this.blind(kind, value)}`;
  }

  /** Every shop that states the identifier (or, for an account or phone, whose attested holder is this person), across platforms. */
  async shopsByIdentifier(identifier: { kind: string; value: string }, asOf?: Date) {
    const point = await this.pointOf(asOf);
    const key = this.keyOf(identifier.kind, identifier.value);
    const rows = await this.db.reader.rows<{ shop: string; kind: string; body: string }>(
      `SELECT shop, kind, body FROM resolution_facts
        WHERE (key1 = $2 OR key2 = $2) AND shop IS NOT NULL AND added_at <= $1 AND (removed_at IS NULL OR removed_at > $1)
        ORDER BY shop LIMIT 10001`,
      [point.position, key],
    );
    const byShop = new Map<string, { shop: string; platformId: string; shopId: string; roles: Set<string>; facts: unknown[] }>();
    for (const row of rows.slice(0, 10000)) {
      const fact = JSON.parse(row.body) as { role?: string; factId: string; provenance: unknown; kind: string };
      const entry = byShop.get(row.shop) ?? {
        shop: row.shop,
        platformId: row.shop.slice(0, row.shop.indexOf(':')),
        shopId: row.shop.slice(row.shop.indexOf(':') + 1),
        roles: new Set<string>(),
        facts: [],
      };
      entry.roles.add(fact.role ?? fact.kind);
      entry.facts.push({ factId: fact.factId, kind: fact.kind, provenance: fact.provenance });
      byShop.set(row.shop, entry);
    }
    const statuses = await this.statusesOf([...byShop.keys()]);
    const isPerson = identifier.kind === 'nationalId' || identifier.kind === 'taxCode';
    return {
      subjects: { shops: [...byShop.keys()], persons: isPerson ? [key] : [] },
      point,
      lead: identifier.kind === 'address' || identifier.kind === 'personName',
      truncated: rows.length > 10000,
      shops: [...byShop.values()].map((s) => ({ ...s, roles: [...s.roles], status: statuses.get(s.shop) ?? null })),
    };
  }

  private async resolve(shops: readonly ShopKey[], asOf?: Date): Promise<Resolved> {
    const point = await this.pointOf(asOf);
    const neighbourhood = await readNeighbourhood(this.db.reader, shops, point.position, { policy: this.policy, maxShops: MAX_SHOPS, date: point.date });
    return { point, graph: resolveAt(neighbourhood.facts, point, this.policy), neighbourhood };
  }

  /** Lead and hub sizes counted over the whole graph: the neighbourhood holds only the first few shops of a hub. */
  private async countLeads(graph: ResolvedGraph, operator: OperatorProfile, position: number) {
    // Counted up to a cap: "more than 100 shops state this address" says all a lead needs to say,
    // and counting a name that 20,000 sellers share on every read would cost more than the read.
    // Lead keys are never walked, so the neighbourhood cannot tell who else states them: ask the whole graph.
    const stated = new Map<string, IdentifierRef>();
    for (const { shop } of operator.shops) {
      for (const edge of graph.edgesOf(shop)) {
        if (edge.identifier && (edge.identifier.kind === 'address' || edge.identifier.kind === 'personName')) stated.set(identifierKey(edge.identifier), edge.identifier);
      }
    }
    const count = await this.sizes([...stated.keys(), ...operator.hubs.map((hub) => hub.joinKey)], position);
    const leads = [...stated].map(([key, identifier]) => ({ identifier, ...count(key) })).filter((lead) => lead.shopCount > 1);
    const hubs = operator.hubs.map((hub) => ({ ...hub, ...count(hub.joinKey) }));
    return { ...operator, leads, hubs };
  }

  /** A why answer with each hub's size counted over the whole graph, as the operator answer counts it. */
  private async withHubSizes(answer: WhyAnswer, position: number): Promise<WhyAnswer> {
    if (answer.joined || !answer.reasons.some((reason) => reason.kind === 'hub')) return answer;
    const count = await this.sizes(answer.reasons.flatMap((reason) => (reason.kind === 'hub' ? [reason.joinKey] : [])), position);
    return { ...answer, reasons: answer.reasons.map((reason) => (reason.kind === 'hub' ? { ...reason, ...count(reason.joinKey) } : reason)) };
  }

  /** How many shops state each key, counted up to COUNT_CAP (then `moreThan`). */
  private async sizes(keys: readonly string[], position: number): Promise<(key: string) => { shopCount: number; moreThan: boolean }> {
    // A phone's join key names its subscriber (`phone:…@…`); the number itself is what shops state.
    const stated = (key: string) => key.split('@')[0];
    const counts = await shopsStating(this.db.reader, [...new Set(keys.map(stated))], position, COUNT_CAP + 1);
    return (key) => {
      const shopCount = counts.get(stated(key)) ?? 0;
      return shopCount > COUNT_CAP ? { shopCount: COUNT_CAP, moreThan: true } : { shopCount, moreThan: false };
    };
  }

  private async revealed<T>(answer: T, neighbourhood: Neighbourhood): Promise<T> {
    return reveal(answer, await this.clearValues(neighbourhood));
  }

  /** The values behind the blind indexes of the neighbourhood, from the (decrypted) events its facts came from. */
  private async clearValues(neighbourhood: Neighbourhood): Promise<Map<string, string>> {
    const events = await this.store.readPositions([...neighbourhood.sourcePositions.values()]);
    const clear = new Map<string, string>();
    for (const event of events) clearValuesOf(event, this.blind, clear);
    return clear;
  }

  private async statusesOf(shops: readonly string[]): Promise<Map<string, string>> {
    const statuses = new Map<string, string>();
    for (let i = 0; i < shops.length; i += 400) {
      const chunk = shops.slice(i, i + 400);
      const rows = await this.db.reader.rows<{ platform_id: string; shop_id: string; status: string }>(
        `SELECT platform_id, shop_id, status FROM shop_directory WHERE ${chunk.map((_, n) => `(platform_id = $${2 * n + 1} AND shop_id = $${2 * n + 2})`).join(' OR ')}`,
        chunk.flatMap((s) => [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)]),
      );
      for (const row of rows) statuses.set(`${row.platform_id}:${row.shop_id}`, row.status);
    }
    return statuses;
  }
}
