import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, Type } from '@nestjs/common';
import { AppendSignal, EventStore, Processor, Projection, SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '../config/registry-config';

/**
 * The longest rest of the projections after a short batch while appends keep coming: every batch
 * pays for resolving the operator view again around what it changed (hubs judged, components walked),
 * so under a steady load fewer, larger batches cost less CPU per event; the view lags by at most this
 * much more.
 */
const PROJECTION_GATHER_MS = 100;

@Injectable()
class ProcessorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly processor: Processor,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** After every module's init, so that the reactors other contexts register (tax relay, operator revenue) start with it. */
  async onApplicationBootstrap(): Promise<void> {
    if (!runsProjections(this.config)) return;
    await this.processor.start();
    this.logger.log({ msg: 'projections running', projections: this.processor.names(), reactors: this.processor.reactorNames() });
  }

  /** Finishes the batch under way in every follower, then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }
}

/**
 * Runs the followers of the event log in one processor: the read-model projections of every
 * bounded context, each with its own checkpoint, and the reactors that contexts register in
 * their module init (where projections run: `REGISTRY_ROLE` all or projector).
 */
@Module({})
export class ProjectionsModule {
  static forRoot(projections: Type<Projection>[]): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        ...projections,
        {
          provide: Processor,
          inject: [EventStore, SqlDatabase, AppendSignal, ...projections],
          useFactory: (store: EventStore, db: SqlDatabase, signal: AppendSignal, ...instances: Projection[]) => {
            const logger = new Logger('Projections');
            const processor = new Processor(store, db, instances, { signal, gatherMs: PROJECTION_GATHER_MS });
            processor.observe({
              failed: (name, error, consecutive) => {
                if (processor.names().includes(name) || name === 'all') {
                  logger.error({ msg: 'projection batch failed, will retry', projection: name, error: String(error) });
                } else if (consecutive === 1 || consecutive % 10 === 0) {
                  // One line when it starts failing, then one every 10 attempts: a long outage does not flood the log.
                  logger.warn({ msg: 'reactor pass failed, retrying with backoff', reactor: name, consecutive, error: String(error) });
                }
              },
              recovered: (name, afterFailures) => logger.log({ msg: 'follower working again', follower: name, afterFailures }),
            });
            return processor;
          },
        },
        ProcessorLifecycle,
      ],
      exports: [Processor, ...projections],
    };
  }
}
