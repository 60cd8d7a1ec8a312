import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, Type } from '@nestjs/common';
import { EventStore, Projection, ProjectionRunner, SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';

@Injectable()
class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Projections run in this process in the embedded default and in projector workers, not in API replicas. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || process.env.REGISTRY_NO_PROJECTIONS === '1') return;
    await this.runner.start();
    this.logger.log({ msg: 'projections running', projections: this.runner.names() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** Runs the read-model projections of every bounded context, each with its own checkpoint. */
@Module({})
export class ProjectionsModule {
  static forRoot(projections: Type<Projection>[]): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        ...projections,
        {
          provide: ProjectionRunner,
          inject: [EventStore, SqlDatabase, ...projections],
          useFactory: (store: EventStore, db: SqlDatabase, ...instances: Projection[]) => {
            const logger = new Logger('Projections');
            return new ProjectionRunner(store, db, instances, {
              onError: (name, error) => logger.error({ msg: 'projection batch failed, will retry', projection: name, error: String(error) }),
            });
          },
        },
        ProjectionLifecycle,
      ],
      exports: [ProjectionRunner, ...projections],
    };
  }
}
