import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppendSignal, EventStore, SqlDatabase, SqlEventStore, SqlSchema } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly store: SqlEventStore,
    private readonly db: SqlDatabase,
  ) {}

  /** Runs after the HTTP server stopped taking requests: the appends it accepted still commit. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

/** The SQL database and the event store on it, for every module of the service. */
@Module({})
export class DatabaseModule {
  static forRoot(schema: SqlSchema): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: SqlDatabase,
          inject: [REGISTRY_CONFIG],
          useFactory: (config: RegistryConfig) => SqlDatabase.open(config.sql, schema),
        },
        { provide: AppendSignal, useFactory: () => new AppendSignal() },
        {
          provide: SqlEventStore,
          inject: [SqlDatabase, AppendSignal],
          useFactory: (db: SqlDatabase, signal: AppendSignal) => new SqlEventStore(db, signal),
        },
        { provide: EventStore, useExisting: SqlEventStore },
        DatabaseLifecycle,
      ],
      exports: [SqlDatabase, AppendSignal, SqlEventStore, EventStore],
    };
  }
}

export const InjectConfig = () => Inject(REGISTRY_CONFIG);
