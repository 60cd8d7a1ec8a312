import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Processor, Reactor, ReactorPosition } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { OPERATOR_REVENUE_CHECKPOINT, OperatorRevenueAttributor } from './operator-revenue-attributor';

/**
 * The operator-revenue worker as a reactor of the processor: a pass whenever events were appended
 * (the processor wakes it), else a sweep of a few shops every half second. A failing pass is tried
 * again after a pause of a second or two.
 */
class OperatorRevenueReactor implements Reactor {
  readonly kind = 'reactor' as const;
  readonly name = OPERATOR_REVENUE_CHECKPOINT;
  readonly pollIntervalMs = 500;
  readonly backoff = { initialMs: 2000, maxMs: 2000 };

  constructor(private readonly attributor: OperatorRevenueAttributor) {}

  prepare(): Promise<void> {
    return this.attributor.prepare();
  }

  async pass(): Promise<{ more: boolean }> {
    const { moved } = await this.attributor.pass();
    // Nothing new: a few shops looked at afresh instead (see sweep).
    if (!moved) await this.attributor.sweep();
    return { more: moved };
  }

  async position(): Promise<ReactorPosition> {
    const { checkpoint, head, graphCheckpoint, graphLag } = await this.attributor.status();
    return { checkpoint, head, details: { graphCheckpoint, graphLag } };
  }
}

/** Registers the operator-revenue worker with the processor where projections run (the embedded default and projector workers). */
@Injectable()
export class OperatorRevenueLifecycle implements OnModuleInit {
  constructor(
    private readonly attributor: OperatorRevenueAttributor,
    private readonly processor: Processor,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  onModuleInit(): void {
    if (runsProjections(this.config)) this.processor.add(new OperatorRevenueReactor(this.attributor));
  }
}
