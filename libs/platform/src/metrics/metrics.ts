import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppendSignal, Processor } from '@registry/event-store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus registry of this process and the registry-wide instruments. */
@Injectable()
export class Metrics implements OnApplicationBootstrap, OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'registry_events_appended_total',
    help: 'Events appended to the event store by this process',
    registers: [this.registry],
  });

  private readonly unsubscribe: () => void;
  private readonly stopObserving: (() => void)[] = [];

  constructor(
    signal: AppendSignal,
    private readonly projections: Processor,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.unsubscribe = signal.onAppend((count) => this.eventsAppended.inc(count));
    new Gauge({
      name: 'registry_projection_lag_events',
      help: 'Head position of the event store minus the checkpoint of each projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of await projections.status()) this.set({ projection: status.name }, status.lag);
      },
    });
    new Gauge({
      name: 'registry_follower_checkpoint',
      help: 'Log position up to which each follower of the processor (projection or reactor) is done',
      labelNames: ['follower', 'kind'] as const,
      registers: [this.registry],
      async collect() {
        const [projected, reacting] = await Promise.all([projections.status(), projections.reactorStatus()]);
        for (const status of projected) this.set({ follower: status.name, kind: 'projection' }, status.checkpoint);
        for (const status of reacting) this.set({ follower: status.name, kind: 'reactor' }, status.checkpoint);
      },
    });
    const failures = new Counter({
      name: 'registry_follower_failures_total',
      help: 'Failed batches of projections and failed passes of reactors, by follower',
      labelNames: ['follower'] as const,
      registers: [this.registry],
    });
    this.stopObserving.push(projections.observe({ failed: (name) => failures.inc({ follower: name }) }));
  }

  /**
   * The gauges and counter of each reactor, from the processor's status, under its name
   * (`tax-relay`: registry_tax_relay_lag_events, registry_tax_relay_up, registry_tax_relay_failures_total).
   * At bootstrap: contexts register their reactors in their module init.
   */
  onApplicationBootstrap(): void {
    const processor = this.projections;
    for (const reactor of processor.reactorNames()) {
      const metric = `registry_${reactor.replace(/[^a-zA-Z0-9]/g, '_')}`;
      const status = async () => (await processor.reactorStatus()).find((s) => s.name === reactor);
      new Gauge({
        name: `${metric}_lag_events`,
        help: `Head position of the event store minus the ${reactor} checkpoint`,
        registers: [this.registry],
        async collect() {
          this.set((await status())?.lag ?? 0);
        },
      });
      new Gauge({
        name: `${metric}_up`,
        help: `1 while ${reactor} runs its passes, 0 while it retries after a failure`,
        registers: [this.registry],
        async collect() {
          this.set((await status())?.state === 'running' ? 1 : 0);
        },
      });
      const failures = new Counter({
        name: `${metric}_failures_total`,
        help: `Passes of ${reactor} that failed (broker down, timeouts)`,
        registers: [this.registry],
      });
      this.stopObserving.push(processor.observe({ failed: (name) => name === reactor && failures.inc() }));
    }
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const stop of this.stopObserving.splice(0)) stop();
  }
}
