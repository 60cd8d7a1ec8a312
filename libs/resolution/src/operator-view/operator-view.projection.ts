import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, SqlDatabase, StoredEvent, checkpoints, nextTurn } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '@registry/platform';
import { vietnamDateOf } from '@registry/shared-kernel';
import { ResolutionPolicy } from '../domain';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { resolutionPolicyOf } from '../reading/resolution-policy.config';
import { HubsAt, OperatorViewBuilder } from './operator-view.builder';
import { operatorViewTables } from './operator-view.store';

export const OPERATOR_VIEW_PROJECTION = 'operator-view';

/**
 * Positions the view moves by at most in one transaction when it stands behind the batch it follows
 * (after a build, over what was registered while it ran): the processor's batch, so that no move
 * holds the store's writes longer than a batch does. At a million shops, 15 minutes of registrations
 * made during a build were resolved in one transaction, and every write waited for it.
 */
export const POSITIONS_PER_MOVE = 2000;

/**
 * The operator view (see OperatorViewBuilder), moved after each batch to where the identity graph
 * stands, which it follows in the same transaction (it runs after it), and to today's date. It reads
 * the graph, not the events: an event only tells it that the graph moved. An erasure deletes facts
 * instead of ending them; the graph records what it took out, and the view resolves again from there.
 *
 * A view with no point (new, reset, migrated) is built in slices, one a transaction: one with each
 * batch, and the rest by `step` (the date reactor's passes, and `settle` after a rebuild), so that
 * writes go on while it is built; reads walk until it is done.
 */
@Injectable()
export class OperatorViewProjection implements Projection {
  readonly name = OPERATOR_VIEW_PROJECTION;
  /** It reads the graph: a rebuild need not read the events (see Projection.readsEvents). */
  readonly readsEvents = false;

  private readonly policy: ResolutionPolicy;
  /**
   * What the last refresh in this process knew at the point it moved the view to (see HubsAt): the
   * next refresh, from there, need not judge those hubs, list those keys or read those shops' facts
   * again. At most ROWS_KEPT_AT_MOST fact rows (shop-facts.ts) and KEPT_AT_MOST listed shops and
   * attestation rows (key-listings.ts) are kept between refreshes. Forgotten while a
   * refresh runs, so that one that fails leaves nothing behind; one that ran in a transaction that
   * did not commit leaves the view at another point, and is not used.
   */
  private hubs: HubsAt | null = null;
  /**
   * The steps of this process, one after the other: a rebuild's `settle` and the date reactor step
   * back to back, and two steps resolving the same slice at once would do its work twice.
   */
  private steps: Promise<unknown> = Promise.resolve();

  constructor(@Inject(REGISTRY_CONFIG) config: RegistryConfig) {
    this.policy = resolutionPolicyOf(config);
  }

  async apply(events: readonly StoredEvent[], tx: Sql): Promise<void> {
    // A view that stood where the batch begins moves over all of it, however far its positions spread.
    const spread = events.length > 0 ? events[events.length - 1].position - events[0].position + 1 : 0;
    await this.refresh(tx, undefined, Math.max(POSITIONS_PER_MOVE, spread), true);
  }

  /**
   * Moves the view towards the graph's position, by `movesAtMost` positions at most, and to today's
   * date: after a batch, and when the date changes with no event. While the view is built, one slice
   * of the build instead, and the first move once the last is done; `leavesShopsToSteps` (a batch):
   * none while the build resolves shops past its first slice, since a step resolves them outside the
   * writer's transaction (see `step`). Whether the view has a point.
   */
  async refresh(tx: Sql, date = vietnamDateOf(new Date()), movesAtMost = POSITIONS_PER_MOVE, leavesShopsToSteps = false): Promise<{ built: boolean }> {
    const to = { position: await checkpoints.read(tx, IDENTITY_GRAPH_PROJECTION), date };
    const known = this.hubs;
    this.hubs = null;
    const builder = new OperatorViewBuilder(tx, this.policy, known);
    if (await builder.needsBuild(to)) {
      if (leavesShopsToSteps && (await builder.resolvingShops(to))) return { built: false };
      if (!(await builder.buildSlice(to)).built) return { built: false };
    }
    this.hubs = (await builder.refresh(to, movesAtMost)).hubs;
    return { built: true };
  }

  /**
   * One transaction that moves the view with no batch (a slice of the build under way, or to another
   * date), holding the view's checkpoint row (`checkpoints.hold`), so that a projector applying a
   * batch at the same time, here or in another process, waits for it, or has committed first.
   * A slice of the build's shops is resolved before, on the reader, and only written in it: writes
   * wait for its inserts, not its walks (a slice took 0.3–0.5 s at 200,000 shops, and each
   * registration during a rebuild waited for one). Steps of this process go one at a time. Whether
   * the view has a point.
   */
  step(db: SqlDatabase, date?: string): Promise<boolean> {
    const next = this.steps.then(() => this.stepNow(db, date));
    this.steps = next.catch(() => undefined);
    return next;
  }

  private async stepNow(db: SqlDatabase, date?: string): Promise<boolean> {
    const prepared = await new OperatorViewBuilder(db.reader, this.policy).prepareSlice();
    return db.write(async (tx) => {
      await checkpoints.ensure(tx, OPERATOR_VIEW_PROJECTION);
      await checkpoints.hold(tx, OPERATOR_VIEW_PROJECTION);
      const to = { position: await checkpoints.read(tx, IDENTITY_GRAPH_PROJECTION), date: date ?? vietnamDateOf(new Date()) };
      if (prepared !== null && (await new OperatorViewBuilder(tx, this.policy).writeSlice(prepared, to))) return false;
      return (await this.refresh(tx, date)).built;
    });
  }

  /**
   * Whether the view must move with no batch: it has no point (a build under way, or due), or one
   * behind the graph's position. Not while the graph is rebuilt (it stands behind the events the view
   * has seen, so no batch brings the view along): reads walk it meanwhile, and the view follows once
   * the graph is back where the view stood.
   */
  async behind(sql: Sql): Promise<boolean> {
    const graph = await checkpoints.read(sql, IDENTITY_GRAPH_PROJECTION);
    if (graph < (await checkpoints.read(sql, OPERATOR_VIEW_PROJECTION))) return false;
    const point = await operatorViewTables.point(sql);
    return point === null || point.position < graph;
  }

  /**
   * The build under way, worked a slice at a time until the view has a point, then moved a step at a
   * time to where the graph stood then: what a rebuild waits for.
   */
  async settle(db: SqlDatabase): Promise<void> {
    let graph: number | null = null;
    for (;;) {
      if (await this.step(db)) {
        graph ??= await checkpoints.read(db.reader, IDENTITY_GRAPH_PROJECTION);
        if (((await operatorViewTables.point(db.reader))?.position ?? 0) >= graph) return;
      }
      await nextTurn();
    }
  }

  /** The view loses its point; the build that follows empties it a slice at a time. */
  async reset(tx: Sql): Promise<void> {
    this.hubs = null;
    await operatorViewTables.forget(tx);
  }
}
