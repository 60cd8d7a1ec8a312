import { Sql, nextTurn } from '@registry/event-store';
import { RegistryFact, ResolutionPolicy, ShopKey, describeOperator, shopsNamedBy } from '../domain';
import { factColumns } from '../identity-graph/facts-from-events';
import { Neighbourhood, readNeighbourhood } from '../reading/fact-neighbourhood';
import { HubVerdicts } from '../reading/hub-verdicts';
import { KeyListings } from '../reading/key-listings';
import { ShopFacts } from '../reading/shop-facts';
import { MAX_SHOPS, resolveWalked } from '../reading/identity-graph.reader';
import { uncountedOf } from '../reading/lead-counts';
import { ShownSource, shownSources } from '../reading/reveal';
import { aShopOnEach, erasedAfter, erasedBetween, factsChangedBetween, forgetErasures, holdersAttestedTo, shopsEverOn } from './graph-changes.sql';
import { keyShopsTable } from './key-shops.sql';
import { OPERATORS_PER_TURN, ViewPoint, ViewedOperator, operatorViewTables } from './operator-view.store';
import { ViewBuild, shopsKnownAfter, viewBuildTable } from './view-build.sql';

/**
 * Shops walked from at once: one neighbourhood read covers all of them, and judges each key it meets
 * once for all of them (a hub's sample is read and resolved once per walk, not once per 200 shops).
 * A walk that reaches MAX_SHOPS is split (see `walkFrom`), so the size only trades memory for walks.
 */
const SHOPS_PER_WALK = 1000;
/** Shops a slice of a build starts from: a quarter to one second of work on a 2-core machine at 50,000 shops, what a write waits for. */
const SHOPS_PER_SLICE = 500;
/** Rows of each of the view's tables a slice deletes, when a build begins on what an earlier view left. */
const ROWS_EMPTIED_PER_SLICE = 5000;
/** Keys (numbers in `resolution_names`) a slice of a build counts the shops of, once every shop is resolved. */
const KEYS_PER_SLICE = 10_000;

/** A slice of a build's shops resolved outside the writer's transaction (see `prepareSlice`), and the build it goes on. */
export interface PreparedSlice {
  readonly build: ViewBuild;
  readonly shops: readonly ShopKey[];
  readonly operators: readonly ViewedOperator[];
}

/** What a refresh knew at the point it moved the view to (the hubs its walks found, every verdict judged there, the keys' listings and attestations, the shops' facts read): what the next refresh, from that point, takes. */
export interface HubsAt {
  readonly point: ViewPoint;
  readonly hubs: ReadonlySet<string>;
  readonly verdicts: HubVerdicts;
  /** The keys' listings and attestations its walks made or took there (see KeyListings), unless too many to keep. */
  readonly listings: KeyListings;
  /** The shops' facts its walks read, up to its point (none after a build). */
  readonly facts: ShopFacts | null;
}

/** What the walks at one point share: the verdicts judged there and the keys' listings made there. */
interface SharedAtPoint {
  readonly verdicts: HubVerdicts;
  readonly listings: KeyListings;
}

const samePoint = (a: ViewPoint, b: ViewPoint) => a.position === b.position && a.date === b.date;
const pointKey = (point: ViewPoint) => `${point.position}|${point.date}`;
/** A build resolving shops past its first slice: the slices a step resolves outside the writer's transaction. */
const resolvingPastFirstSlice = (build: ViewBuild | null): build is ViewBuild => build !== null && build.afterShop !== null && build.countedTo === null;

/**
 * Keeps the operator view at a point of the identity graph, with the same walk and resolution as a
 * read (so that the view answers what the walk would at that point), in the caller's transaction.
 *
 * From one point to the next only the shops whose answer the changes in between can touch are
 * resolved again: the shops the changed facts name (and, for a fact about an identifier such as an
 * attestation, every shop stating it); the components of those shops, walked before and after (a
 * walk goes through every key but hubs, so it reaches every shop whose answer reads a changed fact,
 * and a changed key whose hub verdict flips is walked through on the side where it is no hub, taking
 * its shops in; the holders attested to a changed key are changed keys too, since a person's shops
 * include those stating what it holds); and every shop of the operators those shops had and have. Dates count as changes
 * too: a fact whose valid period starts or ends between the two dates is a changed fact. The
 * answers hold no lead or hub counts: those are kept per key beside them (key-shops.sql.ts), so a
 * shop stating a shared address, name or phone moves one count instead of resolving again the
 * operators of the other shops stating it.
 */
export class OperatorViewBuilder {
  /** The hubs the walks found, by point. */
  private readonly hubsFound = new Map<string, Set<string>>();
  /** The verdicts the walks judged and the keys' listings they made, by point: each walk at a point takes those made before it there. */
  private readonly sharedAt = new Map<string, SharedAtPoint>();
  /** The shops' facts the walks of a refresh read, up to its far point: each walk takes what the others read (see ShopFacts). */
  private shopFacts: ShopFacts | null = null;

  /**
   * `known`: the hubs the refresh before this one found at its point (see `refresh`), if the caller
   * kept them; a refresh from that point takes them as found there.
   */
  constructor(
    private readonly sql: Sql,
    private readonly policy: ResolutionPolicy,
    private readonly known: HubsAt | null = null,
  ) {}

  /**
   * Brings the view to the point: from scratch (every slice of a build, see `buildSlice`, in this
   * transaction) when it holds no point (new, reset) or one past it, then on from the build's point,
   * by `movesAtMost` positions at most (the rest is for the next refresh: a view far behind, after a
   * build, moves in transactions no longer than a batch's). Returns, with what it did, the hubs its
   * walks found at the point it moved the view to, for the next refresh.
   */
  async refresh(point: ViewPoint, movesAtMost = Infinity): Promise<{ rebuilt: boolean; shops: number; hubs: HubsAt }> {
    let from = await operatorViewTables.point(this.sql);
    let built = 0;
    if (from === null || from.position > point.position) {
      for (let slice = await this.buildSlice(point); ; slice = await this.buildSlice(point)) {
        built += slice.shops;
        if (slice.built) break;
      }
      from = (await operatorViewTables.point(this.sql))!;
    }
    const to = { ...point, position: Math.min(point.position, from.position + movesAtMost) };
    if (samePoint(from, to)) {
      // Not what the refresh before knew if the view was built since: the graph may have been built again under it.
      const hubs = this.known && built === 0 && samePoint(this.known.point, to) ? this.known : this.foundAt(to);
      return { rebuilt: built > 0, shops: built, hubs };
    }
    const { shops, erasures, facts } = await this.resolveChanges(from, to);
    await keyShopsTable.move(this.sql, from.position, to.position);
    await this.moveTo(to, erasures > 0);
    return { rebuilt: built > 0, shops: built + shops, hubs: this.foundAt(to, facts) };
  }

  /**
   * Whether the view needs a build (or the rest of one) before it can move to the point: it holds no
   * point, or one past the graph's (the graph was built again).
   */
  async needsBuild(to: ViewPoint): Promise<boolean> {
    const from = await operatorViewTables.point(this.sql);
    return from === null || from.position > to.position;
  }

  /**
   * One slice of a build of the view from scratch, in the caller's transaction: while the build has
   * written nothing, up to ROWS_EMPTIED_PER_SLICE rows of each table an earlier view left; then the next
   * SHOPS_PER_SLICE shops (in shop order) the graph knows at the build's point, resolved and written
   * with every shop of their operators; once every shop is, the shops stating the next
   * KEYS_PER_SLICE keys (in key order) counted at that point. The view has no point while a build is
   * under way, so reads walk; the slice that counts the last key gives the view the build's point,
   * from which a refresh moves it on. A build begins at `to` when none is under way, and again when
   * the graph changed under it: built again (a point past `to`), or an erasure since its point (the
   * graph no longer holds what the slices before resolved or counted). Its slices go in transactions
   * of their own, so writes go on between them.
   */
  async buildSlice(to: ViewPoint): Promise<{ shops: number; built: boolean }> {
    let build = await viewBuildTable.read(this.sql);
    if (build === null || !(await this.goesOn(build, to))) {
      await operatorViewTables.forget(this.sql);
      build = { point: to, afterShop: null, countedTo: null };
    }
    // A build that has written nothing yet first empties what an earlier view left, a slice at a time.
    if (build.afterShop === null && build.countedTo === null && (await operatorViewTables.emptySome(this.sql, ROWS_EMPTIED_PER_SLICE))) {
      await viewBuildTable.write(this.sql, build);
      return { shops: 0, built: false };
    }
    let shops: ShopKey[] = [];
    if (build.countedTo === null) {
      shops = await shopsKnownAfter(this.sql, build.point.position, build.afterShop, SHOPS_PER_SLICE);
      if (shops.length > 0) {
        // A shop an earlier slice wrote as another's operator's is done.
        const done = new Set((await operatorViewTables.operatorIdsOf(this.sql, shops)).keys());
        await operatorViewTables.write(this.sql, await this.describe(shops, build.point, done));
      }
      if (shops.length === SHOPS_PER_SLICE) {
        await viewBuildTable.write(this.sql, { ...build, afterShop: shops[shops.length - 1] });
        return { shops: shops.length, built: false };
      }
    }
    const counted = await keyShopsTable.countAfter(this.sql, build.point.position, build.countedTo ?? 0, KEYS_PER_SLICE);
    if (counted !== null) {
      await viewBuildTable.write(this.sql, { ...build, countedTo: counted });
      return { shops: shops.length, built: false };
    }
    await viewBuildTable.clear(this.sql);
    await this.moveTo(build.point);
    return { shops: shops.length, built: true };
  }

  /**
   * Whether a build is resolving shops past its first slice and may go on to the point: the slices
   * `prepareSlice` resolves outside the writer's transaction, which a batch leaves to the steps.
   */
  async resolvingShops(to: ViewPoint): Promise<boolean> {
    const build = await viewBuildTable.read(this.sql);
    return resolvingPastFirstSlice(build) && build.point.position <= to.position;
  }

  /**
   * The next slice of a build's shops, resolved by a builder on a reader, outside any transaction
   * that writes: a build's point is fixed, and the graph changes nothing known there but by an
   * erasure, which begins the build again (see `writeSlice`). A write then waits for a slice's
   * inserts only, not for its walks. Null unless the build is resolving shops past its first slice
   * and before its last (those go in the writer's transaction, see `buildSlice`).
   */
  async prepareSlice(): Promise<PreparedSlice | null> {
    const build = await viewBuildTable.read(this.sql);
    if (!resolvingPastFirstSlice(build)) return null;
    const shops = await shopsKnownAfter(this.sql, build.point.position, build.afterShop, SHOPS_PER_SLICE);
    if (shops.length < SHOPS_PER_SLICE) return null;
    const done = new Set((await operatorViewTables.operatorIdsOf(this.sql, shops)).keys());
    return { build, shops, operators: await this.describe(shops, build.point, done) };
  }

  /**
   * Writes a slice `prepareSlice` resolved, in the caller's transaction, if the build still stands
   * where it was prepared and may go on to the point (no erasure since the build's point, no graph
   * built again under it); whether it did. If not, `buildSlice` does what is due.
   */
  async writeSlice(prepared: PreparedSlice, to: ViewPoint): Promise<boolean> {
    const build = await viewBuildTable.read(this.sql);
    const same = resolvingPastFirstSlice(build) && samePoint(build.point, prepared.build.point) && build.afterShop === prepared.build.afterShop;
    if (!same || !(await this.goesOn(build, to))) return false;
    await operatorViewTables.write(this.sql, prepared.operators);
    await viewBuildTable.write(this.sql, { ...build, afterShop: prepared.shops[prepared.shops.length - 1] });
    return true;
  }

  /** Whether a build may go on towards the point: no graph built again under it, no erasure since its point. */
  private async goesOn(build: ViewBuild, to: ViewPoint): Promise<boolean> {
    return build.point.position <= to.position && (await erasedBetween(this.sql, build.point.position, to.position)).rows === 0;
  }

  /** Empties the view and resolves every shop the graph knows at the point. */
  async rebuild(to: ViewPoint): Promise<number> {
    await operatorViewTables.clear(this.sql);
    return (await this.refresh(to)).shops;
  }

  private foundAt(point: ViewPoint, facts: ShopFacts | null = null): HubsAt {
    const { verdicts, listings } = this.sharedOf(point);
    return { point, hubs: this.hubsFound.get(pointKey(point)) ?? new Set(), verdicts, listings: listings.kept(), facts };
  }

  private sharedOf(point: ViewPoint): SharedAtPoint {
    const at = pointKey(point);
    let shared = this.sharedAt.get(at);
    if (!shared)
      this.sharedAt.set(at, (shared = { verdicts: new HubVerdicts(point.position, point.date), listings: new KeyListings(point.position, point.date) }));
    return shared;
  }

  /**
   * Moves the view's point; what the erasures up to it took out of the graph is then in the view.
   * `erased`: whether any erasure was recorded since the view's point (none is left from before it).
   */
  private async moveTo(to: ViewPoint, erased = true): Promise<void> {
    await operatorViewTables.movePoint(this.sql, to);
    if (erased) await forgetErasures(this.sql, to.position);
  }

  /**
   * Resolves again and rewrites the shops whose answers the changes between the points may touch; how
   * many, how many erasures there were, and the shops' facts its walks shared (see `touched`): the
   * facts table changes nothing up to `to` while this runs.
   */
  private async resolveChanges(from: ViewPoint, to: ViewPoint): Promise<{ shops: number; erasures: number; facts: ShopFacts | null }> {
    try {
      const touched = await this.touched(from, to);
      const shops = await this.rewrite(touched, to);
      return { shops, erasures: touched.erasures, facts: this.shopFacts!.kept() };
    } finally {
      this.shopFacts = null;
    }
  }

  /** The shops whose answer may differ between the two points (see the class comment), and the walks at `to` that found them. */
  private async touched(from: ViewPoint, to: ViewPoint): Promise<{ touched: Set<ShopKey>; walkedAtTo: Neighbourhood[]; erasures: number }> {
    const changes = await factsChangedBetween(this.sql, from, to);
    const start = new Set<ShopKey>();
    const aboutIdentifiers = new Set<string>();
    const keys = new Set<string>();
    // The shops the changed facts name: their rows in the facts table are not what they were at `from`.
    const named = new Set<ShopKey>();
    for (const change of changes) {
      for (const shop of [change.shop, change.shop_b]) {
        if (!shop) continue;
        named.add(shop);
        start.add(shop);
      }
      if (change.shop === null && change.key1) aboutIdentifiers.add(change.key1);
      for (const key of [change.key1, change.key2]) if (key) keys.add(key);
    }
    for (const shop of await shopsEverOn(this.sql, [...aboutIdentifiers], to.position)) start.add(shop);
    // An erasure deleted its facts, so the graph no longer holds them at `from` either: the shops
    // they named are walked, with every shop stating an identifier an attestation can state that is
    // left (an erased attestation's events were shown with those shops' answers), and the identifiers are
    // walked from one of their shops on both sides (a person's through the accounts attested to
    // them), which reaches what the erased facts joined (or split, as hubs).
    const erased = await erasedBetween(this.sql, from.position, to.position);
    // The hubs the refresh before found at `from` are hubs there still, unless an erasure since
    // deleted facts the graph held there: one past `to` too, since the graph (ahead of the view, after
    // a build) no longer holds what the refresh before read.
    const knownHolds = this.known !== null && samePoint(this.known.point, from) && !(await erasedAfter(this.sql, from.position));
    const knownAtFrom = knownHolds ? this.known!.hubs : new Set<string>();
    // So do the verdicts it judged there, which the walks at `from` then take, and its listings.
    if (knownHolds && !this.sharedAt.has(pointKey(from))) this.sharedAt.set(pointKey(from), { verdicts: this.known!.verdicts, listings: this.known!.listings });
    // And the shops' facts its walks read, but those of the shops a change names.
    const carried = knownHolds ? this.known!.facts : null;
    this.shopFacts = carried !== null && carried.upTo === from.position ? carried.carriedTo(to.position, named) : new ShopFacts(to.position);
    // Only an erased attestation's event was shown with the answers of every shop stating what it
    // attested; a key only claims were erased from (an address, a name, a payout account) showed no
    // erased event in another shop's answer, and its count is kept apart: its shops are not walked
    // (one erased owner walked and resolved again every shop whose owner bore the same name, or that
    // was paid into the same collection account, issue 12).
    for (const shop of [...erased.shops, ...(await shopsEverOn(this.sql, erased.attestedKeys, to.position))]) start.add(shop);
    const erasedKeys = [...erased.keys, ...(await holdersAttestedTo(this.sql, erased.keys, to.position))];
    for (const key of erasedKeys) keys.add(key);
    // A person's shops are also those stating what it is attested to hold: a change on an account,
    // a wallet or a phone changes its holders' shops, and so may flip their hub verdicts.
    for (const holder of await holdersAttestedTo(this.sql, [...keys], to.position)) keys.add(holder);

    const touched = new Set(start);
    const hubsAt = [new Set<string>(), new Set<string>()];
    const points = [from, to];
    const walkedAtTo: Neighbourhood[] = [];
    const walk = async (shops: readonly ShopKey[], side: number) => {
      for (let i = 0; i < shops.length; i += SHOPS_PER_WALK) {
        await this.walkFrom(
          shops.slice(i, i + SHOPS_PER_WALK),
          points[side],
          () => true,
          (found) => {
            for (const shop of found.walked) touched.add(shop);
            for (const hub of found.hubs) hubsAt[side].add(hub);
            if (side === 1) walkedAtTo.push(found);
          },
        );
      }
    };
    await walk([...start], 0);
    // The verdicts judged at `from` that no change touches hold at `to`, and the listings of the keys
    // no change names (none if an erasure rewrote what they read).
    if (erased.shops.length === 0 && erased.keys.length === 0 && !this.sharedAt.has(pointKey(to))) {
      const atFrom = this.sharedOf(from);
      const changes = { shops: start, keys };
      this.sharedAt.set(pointKey(to), {
        verdicts: atFrom.verdicts.carriedTo(to.position, to.date, changes),
        listings: atFrom.listings.carriedTo(to.position, to.date, changes),
      });
    }
    await walk([...start], 1);
    for (const side of [0, 1]) await walk(await aShopOnEach(this.sql, erasedKeys, points[side]), side);
    // A changed key found a hub on one side only may be no hub on the other, where the walks from
    // the changed shops need not reach it (a new shop's first claim is on no key before it): walked
    // from one of its shops there, it is judged again and, if no hub, walked through. A key the
    // refresh before found a hub at `from` is known to be one there: each new shop stating a hub
    // would otherwise have it judged again at `from` in every batch.
    const hubThere = (side: number, key: string) => hubsAt[side].has(key) || (side === 0 && knownAtFrom.has(key));
    for (const side of [0, 1]) {
      const other = 1 - side;
      const flipped = [...keys].filter((key) => hubsAt[side].has(key) && !hubThere(other, key));
      await walk(await aShopOnEach(this.sql, flipped, points[other]), other);
    }
    return { touched, walkedAtTo, erasures: erased.rows };
  }

  /** Resolves the shops again, with every shop of the operators they had and now have, and replaces those operators. */
  private async rewrite(
    { touched, walkedAtTo }: { readonly touched: Set<ShopKey>; readonly walkedAtTo: readonly Neighbourhood[] },
    to: ViewPoint,
  ): Promise<number> {
    const expanded = new Set<ShopKey>();
    const before = new Set<string>();
    const done = new Set<ShopKey>();
    // The walks at `to` hold the whole components of the shops they walked: those are described
    // from them, and only the shops they did not reach are walked again.
    const written: ViewedOperator[] = [];
    for (const walk of walkedAtTo) written.push(...(await this.describeWalked(walk, [...walk.walked], to, done)));
    for (;;) {
      const fresh = [...touched].filter((shop) => !expanded.has(shop));
      if (fresh.length === 0) break;
      for (const shop of fresh) expanded.add(shop);
      // A member's operator in the view is the one it was found by: it need not be asked again.
      for (const { shop, operator_id } of await operatorViewTables.membersOfOperatorsOf(this.sql, fresh)) {
        before.add(operator_id);
        touched.add(shop);
        expanded.add(shop);
      }
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
    const pending = (shop: ShopKey) => !done.has(shop);
    const left = shops.filter(pending);
    for (let i = 0; i < left.length; i += SHOPS_PER_WALK) {
      await this.walkFrom(left.slice(i, i + SHOPS_PER_WALK), point, pending, async (found, start) => {
        operators.push(...(await this.describeWalked(found, start, point, done)));
      });
    }
    return operators;
  }

  /**
   * Walks from the shops still `pending` at the point and hands each walk to `use`. A walk from several
   * shops holds the union of their components, so it answers for each as a walk from that shop alone
   * would, unless it reached MAX_SHOPS: then it is split in halves and each walked again (down to one
   * shop, which a read from that shop would walk the same way).
   */
  private async walkFrom(
    shops: readonly ShopKey[],
    point: ViewPoint,
    pending: (shop: ShopKey) => boolean,
    use: (found: Neighbourhood, start: readonly ShopKey[]) => void | Promise<void>,
  ): Promise<void> {
    const start = shops.filter(pending);
    if (start.length === 0) return;
    // A walk is the unit of work: between walks, requests and health checks get their turn (on the
    // embedded store every statement resolves at once, and a rebuild at a million shops takes minutes).
    await nextTurn();
    const found = await readNeighbourhood(this.sql, start, point.position, this.walkOptions(point));
    const at = pointKey(point);
    const hubs = this.hubsFound.get(at) ?? new Set<string>();
    for (const hub of found.hubs) hubs.add(hub);
    this.hubsFound.set(at, hubs);
    if (!found.truncated || start.length === 1) return use(found, start);
    const half = Math.ceil(start.length / 2);
    await this.walkFrom(start.slice(0, half), point, pending, use);
    await this.walkFrom(start.slice(half), point, pending, use);
  }

  /**
   * The operators of the shops not yet `done`, from a walk at the point that reached them; their shops
   * are then done. The event loop gets a turn after the walk is resolved and every OPERATORS_PER_TURN
   * operators described (a walk of 500 shops took 0.2–0.3 s in one go).
   */
  private async describeWalked(neighbourhood: Neighbourhood, shops: readonly ShopKey[], point: ViewPoint, done: Set<ShopKey>): Promise<ViewedOperator[]> {
    const operators: ViewedOperator[] = [];
    if (shops.every((shop) => done.has(shop))) return operators;
    const graph = resolveWalked(neighbourhood, point, this.policy);
    const sources = sourcesByShop(neighbourhood.facts, neighbourhood.sourcePositions, point.position);
    let described = 0;
    for (const shop of shops) {
      if (done.has(shop)) continue;
      if (described++ % OPERATORS_PER_TURN === 0) await nextTurn();
      done.add(shop);
      const operatorId = graph.operatorOf(shop);
      if (operatorId === undefined) continue;
      const found = describeOperator(graph, operatorId)!;
      for (const member of found.shops) done.add(member.shop);
      operators.push({
        operatorId,
        answer: uncountedOf(graph, found),
        sources: sources(found.shops.map((s) => s.shop)),
        truncated: neighbourhood.truncated,
      });
    }
    return operators;
  }

  private walkOptions(point: ViewPoint) {
    const shopFacts = this.shopFacts !== null && point.position <= this.shopFacts.upTo ? this.shopFacts : undefined;
    return { policy: this.policy, maxShops: MAX_SHOPS, date: point.date, ...this.sharedOf(point), shopFacts };
  }
}

/**
 * The events whose values an operator's answer shows, with what each can show: those of its shops'
 * facts and of the attestations on what they state (the holders named as controllers).
 */
function sourcesByShop(facts: readonly RegistryFact[], positions: ReadonlyMap<string, number>, position: number): (shops: readonly ShopKey[]) => ShownSource[] {
  const ofShop = new Map<ShopKey, RegistryFact[]>();
  const attestationsOn = new Map<string, RegistryFact[]>();
  for (const fact of facts) {
    if (fact.kind === 'holderAttestation') {
      const key = factColumns(fact).key1!;
      const known = attestationsOn.get(key);
      if (known) known.push(fact);
      else attestationsOn.set(key, [fact]);
    }
    for (const shop of shopsNamedBy(fact)) {
      const known = ofShop.get(shop);
      if (known) known.push(fact);
      else ofShop.set(shop, [fact]);
    }
  }
  return (shops) => {
    const found: { position: number; fact: RegistryFact }[] = [];
    const take = (fact: RegistryFact) => {
      const position = positions.get(fact.factId);
      if (position !== undefined) found.push({ position, fact });
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
    return shownSources(found);
  };
}
