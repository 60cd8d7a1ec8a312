import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, Type } from '@nestjs/common';
import { EventStore, Projection, ProjectionRunner, SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '../config/registry-config';

@Injectable()
class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsProjections(this.config)) return;
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
