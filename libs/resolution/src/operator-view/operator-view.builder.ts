import { Sql } from '@registry/event-store';
import { RegistryFact, ResolutionPolicy, ShopKey, describeOperator, shopsNamedBy } from '../domain';
import { factColumns } from '../identity-graph/facts-from-events';
import { readNeighbourhood } from '../reading/fact-neighbourhood';
import { MAX_SHOPS, resolveWalked } from '../reading/identity-graph.reader';
import { COUNT_CAP, countLeads } from '../reading/lead-counts';
import { factsChangedBetween, shopsCountedOn, shopsEverOn, shopsHeldBy, shopsKnownAt } from './graph-changes.sql';
import { ViewPoint, ViewedOperator, operatorViewTables } from './operator-view.store';

/** Shops walked from at once: one neighbourhood read covers all of them. */
const SHOPS_PER_WALK = 200;
/** Shops described per write while the whole view is built. */
const SHOPS_PER_WRITE = 2000;

const isPersonKey = (key: string) => key.startsWith('nationalId:') || key.startsWith('taxCode:');
/** A lead, a key a walk found a hub, or a phone number (a hub per subscriber, which a walk does not call a hub while one subscriber's is none). */
const isShownCounted = (key: string, hubs: ReadonlySet<string>) =>
  key.startsWith('address:') || key.startsWith('personName:') || key.startsWith('phone:') || hubs.has(key);

/**
 * Keeps the operator view at a point of the identity graph, with the same walk and resolution as a
 * read (so that the view answers what the walk would at that point), in the caller's transaction.
 *
 * From one point to the next only the shops whose answer the changes in between can touch are
 * resolved again: the shops the changed facts name (and, for a fact about an identifier such as an
 * attestation, every shop stating it); the components of those shops, walked before and after (a
 * walk goes through every key but hubs, so it reaches every shop whose answer reads a changed fact,
 * and a key whose hub verdict flips is walked through on the side where it is no hub, taking its
 * shops in); the shops a changed lead's or hub's count is shown to, while that count is under the
 * cap; and every shop of the operators those shops had and have. Dates count as changes too: a fact
 * whose valid period starts or ends between the two dates is a changed fact.
 */
export class OperatorViewBuilder {
  constructor(
    private readonly sql: Sql,
    private readonly policy: ResolutionPolicy,
  ) {}

  /** Brings the view to the point: from scratch when it holds no point (new, reset, after an erasure) or one past it. */
  async refresh(to: ViewPoint): Promise<{ rebuilt: boolean; shops: number }> {
    const from = await operatorViewTables.point(this.sql);
    if (from === null || from.position > to.position) return { rebuilt: true, shops: await this.rebuild(to) };
    if (from.position === to.position && from.date === to.date) return { rebuilt: false, shops: 0 };
    const shops = await this.rewrite(await this.touched(from, to), to);
    await operatorViewTables.movePoint(this.sql, to);
    return { rebuilt: false, shops };
  }

  /** Empties the view and resolves every shop the graph knows at the point. */
  async rebuild(to: ViewPoint): Promise<number> {
    await operatorViewTables.clear(this.sql);
    const shops = await shopsKnownAt(this.sql, to.position);
    const done = new Set<ShopKey>();
    for (let i = 0; i < shops.length; i += SHOPS_PER_WRITE) {
      await operatorViewTables.write(this.sql, await this.describe(shops.slice(i, i + SHOPS_PER_WRITE), to, done));
    }
    await operatorViewTables.movePoint(this.sql, to);
    return shops.length;
  }

  /** The shops whose answer may differ between the two points (see the class comment). */
  private async touched(from: ViewPoint, to: ViewPoint): Promise<Set<ShopKey>> {
    const changes = await factsChangedBetween(this.sql, from, to);
    const start = new Set<ShopKey>();
    const aboutIdentifiers = new Set<string>();
    const keys = new Set<string>();
    for (const change of changes) {
      if (change.shop) start.add(change.shop);
      if (change.shop_b) start.add(change.shop_b);
      if (change.shop === null && change.key1) aboutIdentifiers.add(change.key1);
      for (const key of [change.key1, change.key2]) if (key) keys.add(key);
    }
    for (const shop of await shopsEverOn(this.sql, [...aboutIdentifiers], to.position)) start.add(shop);

    const touched = new Set(start);
    const hubs = new Set<string>();
    for (const point of [from, to]) {
      const starts = [...start];
      for (let i = 0; i < starts.length; i += SHOPS_PER_WALK) {
        const walk = await readNeighbourhood(this.sql, starts.slice(i, i + SHOPS_PER_WALK), point.position, this.walkOptions(point));
        for (const shop of walk.walked) touched.add(shop);
        for (const hub of walk.hubs) hubs.add(hub);
      }
    }
    // A lead's or a hub's count is shown to every operator with a shop on it (a person's key: the
    // shops paid to the accounts attested to the person too); past the cap it reads "more than".
    for (const key of keys) {
      // Counts are shown for leads and hubs only; the walks judged every changed key that can be a hub.
      if (!isShownCounted(key, hubs)) continue;
      for (const point of [from, to]) {
        const counted = await shopsCountedOn(this.sql, key, point.position, COUNT_CAP + 2);
        if (counted.length > COUNT_CAP + 1) continue;
        for (const shop of counted) touched.add(shop);
        if (isPersonKey(key)) for (const shop of await shopsHeldBy(this.sql, key, point.position)) touched.add(shop);
      }
    }
    return touched;
  }

  /** Resolves the shops again, with every shop of the operators they had and now have, and replaces those operators. */
  private async rewrite(touched: Set<ShopKey>, to: ViewPoint): Promise<number> {
    const expanded = new Set<ShopKey>();
    const before = new Set<string>();
    const done = new Set<ShopKey>();
    const written: ViewedOperator[] = [];
    for (;;) {
      const fresh = [...touched].filter((shop) => !expanded.has(shop));
      if (fresh.length === 0) break;
      for (const shop of fresh) expanded.add(shop);
      const ids = [...new Set((await operatorViewTables.operatorIdsOf(this.sql, fresh)).values())].filter((id) => !before.has(id));
      for (const id of ids) before.add(id);
      for (const shop of await operatorViewTables.membersOf(this.sql, ids)) touched.add(shop);
      const described = await this.describe(
        [...touched].filter((shop) => !done.has(shop)),
        to,
        done,
      );
      for (const operator of described) for (const { shop } of operator.answer.shops) touched.add(shop);
      written.push(...described);
    }
    await operatorViewTables.remove(this.sql, [...touched], [...new Set([...before, ...written.map((o) => o.operatorId)])]);
    await operatorViewTables.write(this.sql, written);
    return touched.size;
  }

  /** The operators of the shops not yet `done` at the point, each as a read shows it; their shops are then done. */
  private async describe(shops: readonly ShopKey[], point: ViewPoint, done: Set<ShopKey>): Promise<ViewedOperator[]> {
    const operators: ViewedOperator[] = [];
    for (let i = 0; i < shops.length; i += SHOPS_PER_WALK) {
      const start = shops.slice(i, i + SHOPS_PER_WALK).filter((shop) => !done.has(shop));
      if (start.length === 0) continue;
      const neighbourhood = await readNeighbourhood(this.sql, start, point.position, this.walkOptions(point));
      const graph = resolveWalked(neighbourhood, point, this.policy);
      const sources = sourcesByShop(neighbourhood.facts, neighbourhood.sourcePositions, point.position);
      for (const shop of start) {
        if (done.has(shop)) continue;
        done.add(shop);
        const operatorId = graph.operatorOf(shop);
        if (operatorId === undefined) continue;
        const found = describeOperator(graph, operatorId)!;
        for (const member of found.shops) done.add(member.shop);
        operators.push({
          operatorId,
          answer: await countLeads(this.sql, graph, found, point.position),
          sourcePositions: sources(found.shops.map((s) => s.shop)),
          truncated: neighbourhood.truncated,
        });
      }
    }
    return operators;
  }

  private walkOptions(point: ViewPoint) {
    return { policy: this.policy, maxShops: MAX_SHOPS, date: point.date };
  }
}

/**
 * The events whose values an operator's answer shows: those of its shops' facts and of the
 * attestations on what they state (the holders named as controllers).
 */
function sourcesByShop(facts: readonly RegistryFact[], positions: ReadonlyMap<string, number>, position: number): (shops: readonly ShopKey[]) => number[] {
  const ofShop = new Map<ShopKey, RegistryFact[]>();
  const attestationsOn = new Map<string, RegistryFact[]>();
  for (const fact of facts) {
    if (fact.kind === 'holderAttestation') {
      const key = factColumns(fact).key1!;
      attestationsOn.set(key, [...(attestationsOn.get(key) ?? []), fact]);
    }
    for (const shop of shopsNamedBy(fact)) {
      const known = ofShop.get(shop);
      if (known) known.push(fact);
      else ofShop.set(shop, [fact]);
    }
  }
  return (shops) => {
    const found = new Set<number>();
    const take = (fact: RegistryFact) => {
      const position = positions.get(fact.factId);
      if (position !== undefined) found.add(position);
    };
    for (const shop of shops) {
      for (const fact of ofShop.get(shop) ?? []) {
        take(fact);
        // A walk reads the attestations on what a shop states now, not on what it stated once.
        if (fact.removedAt !== null && fact.removedAt <= position) continue;
        const { key1, key2 } = factColumns(fact);
        for (const key of [key1, key2]) for (const attestation of (key && attestationsOn.get(key)) || []) take(attestation);
      }
    }
    return [...found].sort((a, b) => a - b);
  };
}
