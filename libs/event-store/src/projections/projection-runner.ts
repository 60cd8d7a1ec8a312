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
 * same projection never applies an event twice.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
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
    for (const projection of this.projections) await this.startOne(projection);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.subscriptions.clear();
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
    const wasRunning = this.subscriptions.has(name);
    await this.subscriptions.get(name)?.stop();
    this.subscriptions.delete(name);
    await this.db.write(async (tx) => {
      await checkpoints.ensure(tx, name);
      await projection.reset(tx);
      await checkpoints.reset(tx, name);
    });
    this.positions.set(name, 0);
    const applied = await this.catchUp(name);
    if (wasRunning) await this.startOne(projection);
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
          running: this.subscriptions.has(name),
          lastError: this.errors.get(name) ?? null,
        };
      }),
    );
  }

  private async startOne(projection: Projection): Promise<void> {
    await this.db.write((tx) => checkpoints.ensure(tx, projection.name));
    const checkpoint = await checkpoints.read(this.db.reader, projection.name);
    this.positions.set(projection.name, checkpoint);
    const subscription = this.store.subscribe(
      async (batch) => {
        const from = this.positions.get(projection.name) ?? 0;
        try {
          await this.applyBatch(projection, from, batch);
          this.errors.delete(projection.name);
        } catch (error) {
          if (!(error instanceof CheckpointMovedError)) throw error;
          const moved = await checkpoints.read(this.db.reader, projection.name);
          this.positions.set(projection.name, moved);
          return { continueFrom: moved + 1 };
        }
      },
      {
        fromPosition: checkpoint + 1,
        batchSize: this.batchSize,
        pollIntervalMs: this.options.pollIntervalMs,
        onError: (error) => {
          this.errors.set(projection.name, error instanceof Error ? error.message : String(error));
          this.options.onError?.(projection.name, error);
        },
      },
    );
    this.subscriptions.set(projection.name, subscription);
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
