import { Injectable } from '@nestjs/common';
import {
  CheckpointMovedError,
  ConcurrencyError,
  EventStore,
  NewEvent,
  SqlDatabase,
  checkpoints,
  rowsAmong,
  runCommand,
  timeOrderedId,
} from '@registry/event-store';
import { OperatorGroup, OperatorMembership } from '@registry/resolution';
import { AnnualRevenueAttributed, OperatorMemberRevenue, operatorRevenueDecider, operatorRevenueStream } from '../domain';
import { StreamStates } from '../report-sales/stream-states';
import { ShopMonthRevenue, ShopMonthRevenues } from './shop-month-revenue';

export const OPERATOR_REVENUE_CHECKPOINT = 'operator-revenue';
export const OPERATOR_REVENUE_GRAPH_CHECKPOINT = 'operator-revenue-graph';

/** Yearly-revenue events read per pass. */
const EVENTS_PER_PASS = 2000;
/** Identity-graph positions looked at per pass. */
const GRAPH_POSITIONS_PER_PASS = 20_000;
/** Shops looked at afresh per sweep. */
const SWEEP_SHOPS = 200;
/** Regroupings followed per pass: shops that left an operator make its other shops worth a look, and so on. */
const MAX_ROUNDS = 8;

/** Shops whose grouping a graph change may have moved (walked), and shops that only reported. */
interface ShopsToRegroup {
  readonly walk: readonly string[];
  readonly reported: readonly string[];
}

interface CheckpointMove {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface OperatorRevenuePass {
  readonly appended: number;
  /** Whether there was anything to look at (more may be waiting when true). */
  readonly moved: boolean;
}

/**
 * The real operator's yearly revenue, for the tax office: a process over the event log (not a
 * rebuildable read model, since it emits events) that follows two things, each from a checkpoint:
 * the sellers' yearly-revenue events (a shop-month's figure moved) and the identity graph (shops
 * merged into or split from an operator). For every operator either touches it sums the revenue of
 * the operator's shops per year and, when the figure or its shops changed, appends an
 * OperatorRevenueAttributed event. The events, the worker's state and both checkpoints commit in
 * one transaction (compare-and-set), so a crash or a second worker never sends a figure twice.
 */
@Injectable()
export class OperatorRevenueAttributor {
  private sweepCursor = '';

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly membership: OperatorMembership,
    private readonly states: StreamStates,
  ) {}

  async prepare(): Promise<void> {
    await this.db.write(async (tx) => {
      await checkpoints.ensure(tx, OPERATOR_REVENUE_CHECKPOINT);
      await checkpoints.ensure(tx, OPERATOR_REVENUE_GRAPH_CHECKPOINT);
    });
  }

  /** Where the worker stands: log position scanned, graph position followed, and the heads they follow. */
  async status() {
    const { scanned, graphSeen, head, graphHead } = await this.positions();
    return { checkpoint: scanned, graphCheckpoint: graphSeen, head, lag: Math.max(0, head - scanned), graphLag: Math.max(0, graphHead - graphSeen) };
  }

  private async positions() {
    const [scanned, graphSeen, head, graphHead] = await Promise.all([
      checkpoints.read(this.db.reader, OPERATOR_REVENUE_CHECKPOINT),
      checkpoints.read(this.db.reader, OPERATOR_REVENUE_GRAPH_CHECKPOINT),
      this.store.headPosition(),
      this.membership.graphPosition(),
    ]);
    return { scanned, graphSeen, head, graphHead };
  }

  async pass(): Promise<OperatorRevenuePass> {
    const { scanned, graphSeen, head, graphHead } = await this.positions();
    // Revenue only as far as the graph has got: a shop is registered before it reports, so every
    // shop reported up to there is in the graph, and none is counted as an operator of its own
    // for a moment only because the graph had not seen it yet.
    const graphTo = Math.min(graphHead, graphSeen + GRAPH_POSITIONS_PER_PASS);
    const page = await this.store.readTypesAfter(['AnnualRevenueAttributed'], scanned, Math.min(head, graphTo), EVENTS_PER_PASS);
    const { events, scannedTo } = page as { events: AnnualRevenueAttributed[]; scannedTo: number };
    if (scannedTo === scanned && graphTo === graphSeen) return { appended: 0, moved: false };

    const revenues = new ShopMonthRevenues(this.db.reader);
    const shopOf = (e: AnnualRevenueAttributed) => `${e.data.change.platformId}:${e.data.change.shopId}`;
    await revenues.include(events.map(shopOf));
    for (const event of events) revenues.apply(event);
    // What the graph changed is walked afresh: shops a fact was added to or removed from, and the
    // shops they were grouped with before a removal (the ones a split may have parted from them).
    // A shop that only reported is counted under the operator it was counted under.
    // No revenue anywhere yet (a registry onboarding its shops): no figure a graph change could move.
    const anyRevenue = events.length > 0 || (await this.db.reader.rows('SELECT 1 FROM tax_shop_month_revenue LIMIT 1')).length > 0;
    const touched = anyRevenue ? await this.membership.shopsTouchedBetween(graphSeen, graphTo) : { added: [], removed: [] };
    const before = touched.removed.length > 0 ? await this.membership.operatorsOf(touched.removed, graphSeen) : new Map<string, OperatorGroup>();
    const walk = new Set([...touched.added, ...touched.removed, ...before.keys()]);
    const reported = [...new Set(events.map(shopOf))].filter((shop) => !walk.has(shop));
    const appended = await this.attribute({ walk: [...walk], reported }, revenues, graphTo, [
      { name: OPERATOR_REVENUE_CHECKPOINT, from: scanned, to: scannedTo },
      { name: OPERATOR_REVENUE_GRAPH_CHECKPOINT, from: graphSeen, to: graphTo },
    ]);
    return { appended, moved: true };
  }

  /**
   * The next few shops with revenue, in shop order and round again, looked at afresh at the graph
   * position the worker stands at: what changes the grouping without an event (a validity period
   * ending on the calendar, an erasure deleting facts, a key crossing the hub threshold far from
   * the shops it splits) reaches the figures within one round. Returns the events appended.
   */
  async sweep(shops = SWEEP_SHOPS): Promise<number> {
    const graphSeen = await checkpoints.read(this.db.reader, OPERATOR_REVENUE_GRAPH_CHECKPOINT);
    const rows = await this.db.reader.rows<{ shop: string }>(`SELECT shop FROM tax_operator_of_shop WHERE shop > $1 ORDER BY shop LIMIT ${shops}`, [
      this.sweepCursor,
    ]);
    this.sweepCursor = rows.length < shops ? '' : rows[rows.length - 1].shop;
    if (rows.length === 0) return 0;
    // The graph checkpoint stays where it is, and must still be there at commit: the state reflects that position.
    return this.attribute({ walk: rows.map((r) => r.shop), reported: [] }, new ShopMonthRevenues(this.db.reader), graphSeen, [
      { name: OPERATOR_REVENUE_GRAPH_CHECKPOINT, from: graphSeen, to: graphSeen },
    ]);
  }

  /** Regroups the shops at the graph position, sends the figures that moved, and commits it all with the checkpoint moves. */
  private async attribute(shops: ShopsToRegroup, revenues: ShopMonthRevenues, graphTo: number, moves: readonly CheckpointMove[]): Promise<number> {
    const { groups, previous } = await this.regroup(shops, graphTo);

    // Every operator involved, in every year it has revenue in: the ones the shops are under now,
    // and the ones they were counted under (those may be left with nothing: a figure of 0).
    const everyShop = new Set([...groups.keys(), ...previous.keys()]);
    await revenues.include(everyShop);
    const rows = revenues.of(everyShop);
    const yearsOf = new Map<string, Set<number>>();
    const rowsOf = new Map<string, ShopMonthRevenue[]>();
    for (const row of rows) {
      const now = groups.get(row.shop)?.operatorId;
      for (const operatorId of [now, previous.get(row.shop)]) {
        if (operatorId !== undefined) yearsOf.set(operatorId, (yearsOf.get(operatorId) ?? new Set()).add(row.year));
      }
      if (now === undefined) continue;
      const key = `${now} ${row.year}`;
      if (!rowsOf.has(key)) rowsOf.set(key, []);
      rowsOf.get(key)!.push(row);
    }
    const commands = [...yearsOf].flatMap(([operatorId, years]) =>
      [...years].map((year) => ({
        type: 'AttributeOperatorRevenue' as const,
        operatorId,
        year,
        graphPosition: graphTo,
        members: membersIn(rowsOf.get(`${operatorId} ${year}`) ?? []),
      })),
    );
    const loaded = await this.states.loadMany(
      commands.map((c) => operatorRevenueStream(c.operatorId, c.year)),
      operatorRevenueDecider,
    );
    const appends = commands.flatMap((command) => {
      const stream = operatorRevenueStream(command.operatorId, command.year);
      const { state, version } = loaded.get(stream)!;
      const decided = operatorRevenueDecider.decide(command, state);
      if (decided.length === 0) return [];
      const events: NewEvent[] = decided.map((e) => ({ id: timeOrderedId(), type: e.type, data: e.data, metadata: SYSTEM }));
      return [
        {
          stream,
          events,
          readAt: version,
          state: decided.reduce(operatorRevenueDecider.evolve, state),
          version: version + decided.length,
        },
      ];
    });

    const withRevenue = new Set(rows.map((row) => row.shop));
    try {
      await this.db.write(async (tx) => {
        for (const { name, from, to } of moves) await checkpoints.advance(tx, name, from, to);
        await revenues.save(tx);
        for (const shop of everyShop) {
          const group = groups.get(shop);
          if (!group || !withRevenue.has(shop)) {
            if (previous.has(shop)) await tx.run('DELETE FROM tax_operator_of_shop WHERE shop = $1', [shop]);
          } else if (previous.get(shop) !== group.operatorId) {
            await tx.run(
              'INSERT INTO tax_operator_of_shop (shop, operator_id) VALUES ($1, $2) ON CONFLICT (shop) DO UPDATE SET operator_id = excluded.operator_id',
              [shop, group.operatorId],
            );
          }
        }
        const changes = appends.map(({ stream, readAt, events }) => ({ stream, version: readAt, events }));
        await runCommand(this.store, async () => ({ changes, result: null }), { within: tx });
      });
    } catch (error) {
      // Another worker got there first: the next pass starts from where it left things.
      if (error instanceof CheckpointMovedError || error instanceof ConcurrencyError) return 0;
      throw error;
    }
    for (const { stream, state, version } of appends) this.states.remember(stream, state, version);
    return appends.reduce((n, a) => n + a.events.length, 0);
  }

  /**
   * The operator of each shop now, and the one it was counted under before. Shops that only
   * reported keep the operator they were counted under, with that operator's other shops, unless
   * one of those is walked anyway. A walked shop that changed operator leaves its old operator's
   * other shops to be walked too (the old operator may have split), and so on, until nothing new
   * comes up.
   */
  private async regroup({ walk, reported }: ShopsToRegroup, position: number) {
    const groups = new Map<string, OperatorGroup>();
    const previous = new Map<string, string>();
    const asked = new Set<string>();
    const expanded = new Set<string>();

    const stored = await this.countedUnder(reported);
    const walking = new Set([...walk, ...reported.filter((shop) => !stored.has(shop))]);
    const storedOperators = [...new Set(stored.values())];
    const membersOf = new Map<string, string[]>();
    for (const row of await this.countedUnderOperators(storedOperators)) {
      if (!membersOf.has(row.operator_id)) membersOf.set(row.operator_id, []);
      membersOf.get(row.operator_id)!.push(row.shop);
    }
    for (const operatorId of storedOperators) {
      const members = membersOf.get(operatorId) ?? [];
      if (members.some((shop) => walking.has(shop))) {
        for (const shop of members) walking.add(shop);
        continue;
      }
      const group = { operatorId, shops: members };
      for (const shop of members) {
        groups.set(shop, group);
        previous.set(shop, operatorId);
        asked.add(shop);
      }
      expanded.add(operatorId);
    }

    let pending = [...walking];
    for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
      for (const [shop, group] of await this.membership.operatorsOf(pending, position)) groups.set(shop, group);
      const unasked = [...groups.keys()].filter((shop) => !asked.has(shop));
      for (const shop of unasked) asked.add(shop);
      for (const [shop, operatorId] of await this.countedUnder(unasked)) previous.set(shop, operatorId);
      const operators = [...new Set([...previous.values(), ...[...groups.values()].map((g) => g.operatorId)])].filter((op) => !expanded.has(op));
      for (const operatorId of operators) expanded.add(operatorId);
      pending = (await this.countedUnderOperators(operators)).map((row) => row.shop).filter((shop) => !groups.has(shop));
    }
    return { groups, previous };
  }

  private async countedUnder(shops: readonly string[]): Promise<Map<string, string>> {
    const rows = await rowsAmong<{ shop: string; operator_id: string }>(
      this.db.reader,
      shops,
      (among) => `SELECT shop, operator_id FROM tax_operator_of_shop WHERE shop ${among}`,
    );
    return new Map(rows.map((row) => [row.shop, row.operator_id]));
  }

  private countedUnderOperators(operators: readonly string[]): Promise<{ shop: string; operator_id: string }[]> {
    return rowsAmong(this.db.reader, operators, (among) => `SELECT shop, operator_id FROM tax_operator_of_shop WHERE operator_id ${among}`);
  }
}

const SYSTEM = { correlationId: 'operator-revenue', causationId: null, principal: 'system:operator-revenue' };

/** The shop-months of one operator's year, one entry per shop and seller. */
function membersIn(rows: readonly { shop: string; attributionKey: string; revenue: bigint }[]): OperatorMemberRevenue[] {
  const entries = new Map<string, OperatorMemberRevenue>();
  for (const row of rows) {
    const key = `${row.shop}\u0000${row.attributionKey}`;
    const split = row.shop.indexOf(':');
    const before = entries.get(key);
    entries.set(key, {
      platformId: row.shop.slice(0, split),
      shopId: row.shop.slice(split + 1),
      attributionKey: row.attributionKey,
      revenue: (before?.revenue ?? 0n) + row.revenue,
      shopMonths: (before?.shopMonths ?? 0) + 1,
    });
  }
  return [...entries.values()];
}
