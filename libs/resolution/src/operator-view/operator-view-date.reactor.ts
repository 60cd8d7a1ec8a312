import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Processor, Reactor, ReactorPosition, SqlDatabase, checkpoints } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { vietnamDateOf } from '@registry/shared-kernel';
import { OPERATOR_VIEW_PROJECTION, OperatorViewProjection } from './operator-view.projection';
import { operatorViewTables } from './operator-view.store';

/** How often the view's date is compared with today's: a period that ended at midnight shows within it. */
const DATE_CHECK_MS = 60_000;

/**
 * Facts that change with no event: a claim's or an attestation's valid period ends at midnight and the
 * resolution no longer counts it, though nothing was appended. The projection moves the view to today's
 * date with each batch; this reactor of the processor moves it when the date changed and no batch came.
 * It holds the view's checkpoint row for its transaction (compare-and-set to where it stands), so a
 * projector applying a batch at the same time, here or in another process, waits for it or wins first.
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
    await this.moveToToday();
    return { more: false };
  }

  /** Moves the view to today's date if it stands at another one; whether it did. */
  async moveToToday(): Promise<boolean> {
    const today = this.today();
    const point = await operatorViewTables.point(this.db.reader);
    if (point === null || point.date === today) return false;
    await this.db.write(async (tx) => {
      const at = await checkpoints.read(tx, OPERATOR_VIEW_PROJECTION);
      await checkpoints.advance(tx, OPERATOR_VIEW_PROJECTION, at, at);
      await this.projection.refresh(tx, today);
    });
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
