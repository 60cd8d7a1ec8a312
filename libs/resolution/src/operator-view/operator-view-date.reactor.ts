import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Processor, Reactor, ReactorPosition, SqlDatabase, checkpoints } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { vietnamDateOf } from '@registry/shared-kernel';
import { OPERATOR_VIEW_PROJECTION, OperatorViewProjection } from './operator-view.projection';
import { operatorViewTables } from './operator-view.store';

/**
 * How often the view's date is compared with today's (a period that ended at midnight shows within
 * it), and the view with the graph (a build due begins within it): three indexed reads.
 */
const DATE_CHECK_MS = 5_000;

/**
 * Moves the operator view when no batch comes. Facts change with no event: a claim's or an
 * attestation's valid period ends at midnight and the resolution no longer counts it, though nothing
 * was appended. The projection moves the view to today's date with each batch; this reactor of the
 * processor moves it when the date changed and no batch came. And a build of the view goes a slice a
 * batch: this reactor works the rest, a slice a pass, passes back to back, until the view has a point
 * and stands where the graph does (which it follows without batches while the graph alone is rebuilt).
 * Each move is the projection's `step` (it holds the view's checkpoint row).
 */
export class OperatorViewDateReactor implements Reactor {
  readonly kind = 'reactor' as const;
  readonly name = 'operator-view-date';
  readonly pollIntervalMs = DATE_CHECK_MS;

  constructor(
    private readonly db: SqlDatabase,
    private readonly projection: OperatorViewProjection,
    private readonly today: () => string = () => vietnamDateOf(new Date()),
  ) {}

  async prepare(): Promise<void> {}

  async pass(): Promise<{ more: boolean }> {
    if (await this.projection.behind(this.db.reader)) {
      await this.projection.step(this.db, this.today());
      return { more: await this.projection.behind(this.db.reader) };
    }
    await this.moveToToday();
    return { more: false };
  }

  /** Moves the view to today's date if it stands at another one; whether it did. */
  async moveToToday(): Promise<boolean> {
    const today = this.today();
    const point = await operatorViewTables.point(this.db.reader);
    if (point === null || point.date === today) return false;
    await this.projection.step(this.db, today);
    return true;
  }

  async position(): Promise<ReactorPosition> {
    const position = await checkpoints.read(this.db.reader, OPERATOR_VIEW_PROJECTION);
    const point = await operatorViewTables.point(this.db.reader);
    return { checkpoint: position, head: position, details: { viewDate: point?.date ?? null } };
  }
}

/** Registers the date reactor with the processor where projections run. */
@Injectable()
export class OperatorViewDateLifecycle implements OnModuleInit {
  constructor(
    private readonly db: SqlDatabase,
    private readonly projection: OperatorViewProjection,
    private readonly processor: Processor,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  onModuleInit(): void {
    if (runsProjections(this.config)) this.processor.add(new OperatorViewDateReactor(this.db, this.projection));
  }
}
