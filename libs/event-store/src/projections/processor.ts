import { StoredEvent } from '../envelope';
import { EventStore, Subscription } from '../event-store.port';
import { SqlDatabase } from '../sql/sql-database';
import { AppendSignal } from '../subscription/append-signal';
import { nextTurn } from '../subscription/next-turn';
import { Pause } from '../subscription/pause';
import { CheckpointMovedError, checkpoints } from './checkpoints';
import { Projection } from './projection';
import { Backoff, Reactor } from './reactor';

/** What the processor runs: a projection (writes a read model) or a reactor (a side effect). */
export type Follower = Projection | Reactor;

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: number;
  readonly head: number;
  readonly lag: number;
  readonly running: boolean;
  readonly lastError: string | null;
}

export interface ReactorStatus {
  readonly name: string;
  readonly kind: 'reactor';
  /** `retrying` after a failed pass, until one succeeds. */
  readonly state: 'stopped' | 'running' | 'retrying';
  readonly checkpoint: number;
  readonly head: number;
  readonly lag: number;
  readonly failures: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  /** The reactor's own details (ReactorPosition.details). */
  readonly [detail: string]: unknown;
}

/** Told of every failed batch or pass, and of the first success after failures: logs and counters. */
export interface ProcessorListener {
  failed?(follower: string, error: unknown, consecutive: number): void;
  recovered?(follower: string, afterFailures: number): void;
}

export interface ProcessorOptions {
  readonly batchSize?: number;
  /** Upper bound on the wait for new events when no append was noticed in this process. */
  readonly pollIntervalMs?: number;
  /** Projections: the longest rest after a short batch while events keep coming (see SubscribeOptions.gatherMs). */
  readonly gatherMs?: number;
  /** Appends in this process end the wait for new events at once. */
  readonly signal?: AppendSignal;
  /** Between retries of a failed reactor pass: exponential from initialMs to maxMs, with jitter. */
  readonly backoff?: Backoff;
  /** How long shutdown waits for a reactor's pass before it asks the reactor to abort it. */
  readonly shutdownGraceMs?: number;
  readonly onError?: (follower: string, error: unknown, consecutive: number) => void;
}

/**
 * Runs every follower of the event log: projections, which write a read model, and reactors,
 * which have a side effect (publish, append events). It owns what they share: the polling and
 * the wake-up on appends, the batches, the retries, the status that readiness and metrics read,
 * the shutdown (the batch under way is finished, then it stops) and the rebuild of projections.
 *
 * Projections: each batch is applied in one transaction together with a compare-and-set of the
 * checkpoint, so a crash, a replay or a second worker on the same projection never applies an
 * event twice. Running, all projections share one subscription: a batch is read and decoded once
 * and applied to every projection that has not seen it, in one transaction (on PostgreSQL, two
 * side by side: see Projection.standsAlone); a projection further behind (after a rebuild) is
 * served first.
 *
 * Reactors: each runs passes in a loop of its own, so a broker that is down holds back nothing
 * else. A pass moves the reactor's checkpoint only after its effect succeeded; a failed pass is
 * tried again after an exponential backoff that appends do not cut short.
 */
export class Processor {
  private subscription: Subscription | undefined;
  private readonly projections: Projection[] = [];
  private readonly reactors = new Map<string, ReactorLoop>();
  private readonly positions = new Map<string, number>();
  private readonly errors = new Map<string, string>();
  private readonly listeners = new Set<ProcessorListener>();
  private readonly batchSize: number;
  private consecutiveProjectionFailures = 0;
  private started = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    followers: readonly Follower[],
    private readonly options: ProcessorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    if (options.onError) this.listeners.add({ failed: options.onError });
    for (const follower of followers) this.add(follower);
  }

  /**
   * Registers a follower. A projection written against the Projection interface (no `kind`) is
   * a projection. Projections are registered before the start; a reactor added to a running
   * processor starts at once.
   */
  add(follower: Follower): void {
    if (this.projections.some((p) => p.name === follower.name) || this.reactors.has(follower.name)) {
      throw new Error(`a follower named ${follower.name} is registered already`);
    }
    if (!isReactor(follower)) {
      if (this.started) throw new Error(`projection ${follower.name} registered after the processor started`);
      this.projections.push(follower);
      return;
    }
    const loop = new ReactorLoop(follower, {
      pollIntervalMs: follower.pollIntervalMs ?? this.options.pollIntervalMs ?? 200,
      backoff: follower.backoff ?? this.options.backoff ?? { initialMs: 250, maxMs: 5000 },
      shutdownGraceMs: this.options.shutdownGraceMs ?? 2000,
      listeners: this.listeners,
    });
    this.reactors.set(follower.name, loop);
    if (this.started) void loop.start().catch((error) => loop.failedToStart(error));
  }

  observe(listener: ProcessorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The projections' names (what `rebuild` and `catchUp` accept). */
  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  reactorNames(): string[] {
    return [...this.reactors.keys()];
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.options.signal?.onAppend(() => {
      for (const loop of this.reactors.values()) loop.appended();
    });
    await Promise.all([this.startProjections(), ...[...this.reactors.values()].map((loop) => loop.start())]);
  }

  /** Finishes the batch (or pass) under way in every follower, then stops. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([this.stopProjections(), ...[...this.reactors.values()].map((loop) => loop.stop())]);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private async startProjections(): Promise<void> {
    if (this.subscription || this.projections.length === 0) return;
    await this.loadPositions();
    this.subscription = this.store.subscribe((batch) => this.applyToAll(batch), {
      fromPosition: this.lowestPosition() + 1,
      batchSize: this.batchSize,
      pollIntervalMs: this.options.pollIntervalMs,
      gatherMs: this.options.gatherMs,
      onError: (error) => {
        const name = error instanceof ProjectionFailed ? error.projection : 'all';
        this.errors.set(name, error instanceof Error ? error.message : String(error));
        this.consecutiveProjectionFailures++;
        for (const listener of this.listeners)
          listener.failed?.(name, error instanceof ProjectionFailed ? error.cause : error, this.consecutiveProjectionFailures);
      },
    });
  }

  private async stopProjections(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Applies everything up to the head now, without a subscription (CLI, tests, rebuilds), and what the projection does past it (see Projection.settle). */
  async catchUp(name: string): Promise<number> {
    const projection = this.find(name);
    await this.db.write((tx) => checkpoints.ensure(tx, name));
    if (projection.readsEvents === false) return this.moveToHead(projection);
    let applied = 0;
    for (;;) {
      const from = (await checkpoints.read(this.db.reader, name)) + 1;
      const batch = await this.store.readAll(from, this.batchSize);
      if (batch.length === 0) {
        await projection.settle?.(this.db);
        return applied;
      }
      await this.applyBatch(projection, from - 1, batch);
      applied += batch.length;
      await nextTurn();
    }
  }

  /** A projection that reads no events (see Projection.readsEvents) moved to the head in one batch of none, then settled: how many events it passed. */
  private async moveToHead(projection: Projection): Promise<number> {
    const from = await checkpoints.read(this.db.reader, projection.name);
    const head = await this.store.headPosition();
    if (head > from) {
      await this.db.write(async (tx) => {
        await checkpoints.advance(tx, projection.name, from, head);
        await projection.apply([], tx);
      });
      this.positions.set(projection.name, head);
    }
    await projection.settle?.(this.db);
    return Math.max(0, head - from);
  }

  /** Empties the read model and builds it again from position 0. */
  async rebuild(name: string): Promise<number> {
    const projection = this.find(name);
    if (projection.readsEvents === false && this.subscription !== undefined) return this.rebuildBeside(projection);
    const wasRunning = this.subscription !== undefined;
    await this.stopProjections();
    await this.db.write(async (tx) => {
      await checkpoints.ensure(tx, name);
      await projection.reset(tx);
      await checkpoints.reset(tx, name);
    });
    this.positions.set(name, 0);
    const applied = await this.catchUp(name);
    if (wasRunning) await this.startProjections();
    return applied;
  }

  /**
   * A projection that reads no events, rebuilt while every follower runs on: it forgets what it built
   * in a transaction of its own (between two batches), then builds again with the batches that follow
   * and in `settle`, which this waits for. Its checkpoint stays: the events it passed tell it nothing.
   * Stopping the others instead held back the identity graph, the tax obligations and every other
   * read model for the whole build (a quarter of an hour at a million shops), and they then caught
   * up on everything written meanwhile in full batches. The position it stands at once settled.
   */
  private async rebuildBeside(projection: Projection): Promise<number> {
    await this.db.write(async (tx) => {
      await checkpoints.ensure(tx, projection.name);
      await projection.reset(tx);
    });
    await projection.settle?.(this.db);
    return checkpoints.read(this.db.reader, projection.name);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const checkpoint = await checkpoints.read(this.db.reader, name);
        return {
          name,
          checkpoint,
          head,
          lag: Math.max(0, head - checkpoint),
          running: this.subscription !== undefined,
          lastError: this.errors.get(name) ?? this.errors.get('all') ?? null,
        };
      }),
    );
  }

  /** Where each reactor stands, how it fares, and its own details. */
  async reactorStatus(): Promise<ReactorStatus[]> {
    return Promise.all([...this.reactors.values()].map((loop) => loop.status()));
  }

  private async loadPositions(): Promise<void> {
    await this.db.write(async (tx) => {
      for (const { name } of this.projections) await checkpoints.ensure(tx, name);
    });
    for (const { name } of this.projections) this.positions.set(name, await checkpoints.read(this.db.reader, name));
  }

  private lowestPosition(): number {
    return Math.min(...this.projections.map((p) => this.positions.get(p.name) ?? 0));
  }

  /**
   * One transaction for every projection the batch is new to, in the order they were registered;
   * on PostgreSQL, the projections that stand alone in a second transaction beside it, on another
   * connection, so that their statements run while the others' do (see Projection.standsAlone).
   * Reads start after the lowest checkpoint, so the batch holds everything after each projection's
   * own checkpoint; a transaction that failed leaves its projections where they were, and the next
   * batch is read from there.
   */
  private async applyToAll(batch: StoredEvent[]): Promise<{ continueFrom: number }> {
    const last = batch[batch.length - 1].position;
    const outcomes = await Promise.allSettled(this.lanes().map((lane) => this.applyLane(lane, batch, last)));
    const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected').map((outcome) => outcome.reason);
    const failure = failures.find((error) => !(error instanceof CheckpointMovedError));
    if (failure !== undefined) throw failure;
    if (failures.length > 0) await this.loadPositions();
    else {
      this.errors.clear();
      if (this.consecutiveProjectionFailures > 0) {
        for (const listener of this.listeners) listener.recovered?.('projections', this.consecutiveProjectionFailures);
        this.consecutiveProjectionFailures = 0;
      }
    }
    return { continueFrom: this.lowestPosition() + 1 };
  }

  /** The projections applied together in one transaction: all of them, or on PostgreSQL those that stand alone apart. */
  private lanes(): Projection[][] {
    if (this.db.dialect !== 'postgres') return [this.projections];
    const alone = this.projections.filter((p) => p.standsAlone);
    return [this.projections.filter((p) => !p.standsAlone), alone].filter((lane) => lane.length > 0);
  }

  /** The batch applied to the projections of a lane that have not seen it, with their checkpoints, in one transaction. */
  private async applyLane(lane: readonly Projection[], batch: StoredEvent[], last: number): Promise<void> {
    const behind = lane.filter((projection) => (this.positions.get(projection.name) ?? 0) < last);
    if (behind.length === 0) return;
    await this.db.write(async (tx) => {
      for (const projection of behind) {
        const from = this.positions.get(projection.name) ?? 0;
        await checkpoints.advance(tx, projection.name, from, last);
        try {
          await projection.apply(batch[0].position > from ? batch : batch.filter((e) => e.position > from), tx);
        } catch (error) {
          throw new ProjectionFailed(projection.name, error);
        }
      }
    });
    for (const projection of behind) this.positions.set(projection.name, last);
  }

  private async applyBatch(projection: Projection, from: number, batch: readonly StoredEvent[]): Promise<void> {
    const to = batch[batch.length - 1].position;
    await this.db.write(async (tx) => {
      await checkpoints.advance(tx, projection.name, from, to);
      await projection.apply(batch, tx);
    });
    this.positions.set(projection.name, to);
  }

  private find(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}; known: ${this.names().join(', ')}`);
    return projection;
  }
}

/** Which projection a failed batch failed in, so health shows it against that projection. */
class ProjectionFailed extends Error {
  override readonly name = 'ProjectionFailed';
  constructor(
    readonly projection: string,
    override readonly cause: unknown,
  ) {
    super(`${projection}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function isReactor(follower: Follower): follower is Reactor {
  return (follower as Reactor).kind === 'reactor';
}

interface LoopOptions {
  readonly pollIntervalMs: number;
  readonly backoff: Backoff;
  readonly shutdownGraceMs: number;
  readonly listeners: ReadonlySet<ProcessorListener>;
}

/** One reactor's passes: wait for new events, pass, back off after a failure, stop after the pass under way. */
class ReactorLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private state: ReactorStatus['state'] = 'stopped';
  private failures = 0;
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  /** Appends seen: one made while a pass ran skips the wait after it. */
  private appends = 0;
  /** Appends end a wait for new events, never a backoff: a broker that is down is not asked at every append. */
  private readonly pause = new Pause();

  constructor(
    private readonly reactor: Reactor,
    private readonly options: LoopOptions,
  ) {}

  appended(): void {
    this.appends++;
    this.pause.appended();
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.reactor.prepare();
    this.running = true;
    this.state = 'running';
    this.loop = this.run();
  }

  failedToStart(error: unknown): void {
    this.fail(error);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pause.interrupt();
    if (!this.loop) return;
    const cut = setTimeout(() => this.reactor.abort?.(), this.options.shutdownGraceMs);
    await this.loop;
    clearTimeout(cut);
    this.loop = undefined;
    this.state = 'stopped';
  }

  async status(): Promise<ReactorStatus> {
    const { checkpoint, head, details } = await this.reactor.position();
    return {
      name: this.reactor.name,
      kind: 'reactor',
      state: this.state,
      checkpoint,
      head,
      lag: Math.max(0, head - checkpoint),
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
      ...details,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      const seen = this.appends;
      try {
        const { more } = await this.reactor.pass();
        if (this.consecutiveFailures > 0) {
          for (const listener of this.options.listeners) listener.recovered?.(this.reactor.name, this.consecutiveFailures);
          this.consecutiveFailures = 0;
          this.state = 'running';
        }
        if (more || seen !== this.appends) await nextTurn();
        else if (this.running) await this.pause.for(this.options.pollIntervalMs, { endsOnAppend: true });
      } catch (error) {
        this.fail(error);
        await this.reactor.recover?.().catch(() => undefined);
        if (this.running) await this.pause.for(this.backoff(), { endsOnAppend: false });
      }
    }
    await this.reactor.release?.().catch(() => undefined);
  }

  private fail(error: unknown): void {
    this.failures++;
    this.consecutiveFailures++;
    this.state = 'retrying';
    this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    for (const listener of this.options.listeners) listener.failed?.(this.reactor.name, error, this.consecutiveFailures);
  }

  private backoff(): number {
    const { initialMs, maxMs } = this.options.backoff;
    const exponential = Math.min(maxMs, initialMs * 2 ** Math.min(this.consecutiveFailures - 1, 16));
    return exponential / 2 + Math.random() * (exponential / 2);
  }
}
