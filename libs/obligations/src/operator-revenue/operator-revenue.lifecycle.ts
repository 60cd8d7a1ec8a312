import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppendSignal, Pause } from '@registry/event-store';
import { Metrics, REGISTRY_CONFIG, ReadinessChecks, RegistryConfig, runsProjections } from '@registry/platform';
import { Gauge } from 'prom-client';
import { OperatorRevenueAttributor } from './operator-revenue-attributor';

/** Upper bound on the wait for new events when no append was noticed in this process. */
const POLL_MS = 500;
const BACKOFF_MS = 2000;

/**
 * Runs the operator-revenue worker where projections run (the embedded default and projector
 * workers): a pass whenever events were appended, else a sweep every half second. Its lag shows in
 * /health/ready and /metrics; a failing pass is logged and tried again after a pause.
 */
@Injectable()
export class OperatorRevenueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OperatorRevenue');
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new Pause();
  /** Appends seen: one made while a pass ran skips the wait after it. */
  private appends = 0;
  private lastError: string | null = null;
  private removeCheck: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly attributor: OperatorRevenueAttributor,
    private readonly signal: AppendSignal,
    private readonly readiness: ReadinessChecks,
    private readonly metrics: Metrics,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsProjections(this.config)) return;
    await this.attributor.prepare();
    this.unsubscribe = this.signal.onAppend(() => {
      this.appends++;
      this.pause.appended();
    });
    this.removeCheck = this.readiness.add({
      name: 'operator-revenue',
      check: async () => {
        const status = await this.attributor.status();
        return { up: status.lag <= this.config.maxProjectionLag, details: { ...status, lastError: this.lastError } };
      },
    });
    const status = () => this.attributor.status();
    new Gauge({
      name: 'registry_operator_revenue_lag_events',
      help: 'Head position of the event store minus the operator-revenue checkpoint',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await status()).lag);
      },
    });
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.removeCheck?.();
    this.pause.interrupt();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const seen = this.appends;
      try {
        const { moved } = await this.attributor.pass();
        // Nothing new: a few shops looked at afresh instead (see sweep).
        if (!moved) await this.attributor.sweep();
        this.lastError = null;
        if (moved || seen !== this.appends) await new Promise((resolve) => setImmediate(resolve));
        else if (this.running) await this.pause.for(POLL_MS, { endsOnAppend: true });
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn({ msg: 'operator revenue pass failed, trying again', error: this.lastError });
        if (this.running) await this.pause.for(BACKOFF_MS, { endsOnAppend: false });
      }
    }
  }
}
