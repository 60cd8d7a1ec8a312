import { StoredEvent } from '../envelope';
import { EventStore, Subscription } from '../event-store.port';
import { SqlDatabase } from '../sql/sql-database';
import { CheckpointMovedError, checkpoints } from './checkpoints';
import { Projection } from './projection';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: number;
  readonly head: number;
  readonly lag: number;
  readonly running: boolean;
  readonly lastError: string | null;
}

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

/**
 * Runs projections over the event store. Each batch is applied in one transaction together
 * with a compare-and-set of the checkpoint, so a crash, a replay or a second worker on the
 * same projection never applies an event twice. Running, all projections share one
 * subscription: a batch is read and decoded once and applied to every projection that has not
 * seen it, in one transaction; a projection further behind (after a rebuild) is served first.
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private readonly positions = new Map<string, number>();
  private readonly errors = new Map<string, string>();
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async start(): Promise<void> {
    if (this.subscription || this.projections.length === 0) return;
    await this.loadPositions();
    this.subscription = this.store.subscribe((batch) => this.applyToAll(batch), {
      fromPosition: this.lowestPosition() + 1,
      batchSize: this.batchSize,
      pollIntervalMs: this.options.pollIntervalMs,
      onError: (error) => {
        const name = error instanceof ProjectionFailed ? error.projection : 'all';
        this.errors.set(name, error instanceof Error ? error.message : String(error));
        this.options.onError?.(name, error instanceof ProjectionFailed ? error.cause : error);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Applies everything up to the head now, without a subscription (CLI, tests, rebuilds). */
  async catchUp(name: string): Promise<number> {
    const projection = this.find(name);
    await this.db.write((tx) => checkpoints.ensure(tx, name));
    let applied = 0;
    for (;;) {
      const from = (await checkpoints.read(this.db.reader, name)) + 1;
      const batch = await this.store.readAll(from, this.batchSize);
      if (batch.length === 0) return applied;
      await this.applyBatch(projection, from - 1, batch);
      applied += batch.length;
    }
  }

  /** Empties the read model and builds it again from position 0. */
  async rebuild(name: string): Promise<number> {
    const projection = this.find(name);
    const wasRunning = this.subscription !== undefined;
    await this.stop();
    await this.db.write(async (tx) => {
      await checkpoints.ensure(tx, name);
      await projection.reset(tx);
      await checkpoints.reset(tx, name);
    });
    this.positions.set(name, 0);
    const applied = await this.catchUp(name);
    if (wasRunning) await this.start();
    return applied;
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
   * One transaction for every projection the batch is new to. Reads start after the lowest
   * checkpoint, so the batch holds everything after each projection's own checkpoint.
   */
  private async applyToAll(batch: StoredEvent[]): Promise<{ continueFrom: number }> {
    const last = batch[batch.length - 1].position;
    const moved: Array<[string, number]> = [];
    try {
      await this.db.write(async (tx) => {
        for (const projection of this.projections) {
          const from = this.positions.get(projection.name) ?? 0;
          if (from >= last) continue;
          await checkpoints.advance(tx, projection.name, from, last);
          try {
            await projection.apply(batch[0].position > from ? batch : batch.filter((e) => e.position > from), tx);
          } catch (error) {
            throw new ProjectionFailed(projection.name, error);
          }
          moved.push([projection.name, last]);
        }
      });
      for (const [name, position] of moved) this.positions.set(name, position);
      this.errors.clear();
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
      await this.loadPositions();
    }
    return { continueFrom: this.lowestPosition() + 1 };
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
