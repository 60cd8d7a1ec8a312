import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppendSignal, ProjectionRunner } from '@registry/event-store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus registry of this process and the registry-wide instruments. */
@Injectable()
export class Metrics implements OnModuleDestroy {
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

  constructor(signal: AppendSignal, projections: ProjectionRunner) {
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
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
