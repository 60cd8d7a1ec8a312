import { DynamicModule, Injectable, InjectionToken, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { AppendSignal, EventCodec, EventStore, SqlDatabase, SqlEventStore, SqlSchema } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';
import { autovacuumWarning } from './autovacuum-warning';
import { preparedReadsWarning } from './prepared-reads-warning';

@Injectable()
class DatabaseLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
  ) {}

  /** Advice only: a check that cannot be made is logged, and the service starts all the same. */
  async onApplicationBootstrap(): Promise<void> {
    for (const [setting, check] of [
      ['autovacuum', autovacuumWarning],
      ['plan_cache_mode', preparedReadsWarning],
    ] as const) {
      try {
        const warning = await check(this.db);
        if (warning) this.logger.warn(warning);
      } catch (error) {
        this.logger.warn({ msg: `could not read PostgreSQL's ${setting} setting`, error: String(error) });
      }
    }
  }

  /** Runs after the HTTP server stopped taking requests: the appends it accepted still commit. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

export const KEYRING = Symbol('KEYRING');
export const EVENT_CODEC = Symbol('EVENT_CODEC');

export interface DatabaseOptions extends SqlSchema {
  /**
   * The provider of EVENT_CODEC (how events are encoded on their way into the store: personal
   * fields encrypted) and of what it needs; each is exported to every module.
   */
  readonly eventCodec: readonly Provider[];
}

/** The SQL database, the event store on it, and the codec that protects the personal data in it. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: SqlDatabase,
          inject: [REGISTRY_CONFIG],
          useFactory: (config: RegistryConfig) => SqlDatabase.open(config.sql, options),
        },
        ...options.eventCodec,
        { provide: AppendSignal, useFactory: () => new AppendSignal() },
        {
          provide: EventStore,
          inject: [SqlDatabase, AppendSignal, EVENT_CODEC],
          useFactory: (db: SqlDatabase, signal: AppendSignal, codec: EventCodec) => new SqlEventStore(db, signal, codec),
        },
        DatabaseLifecycle,
      ],
      exports: [SqlDatabase, AppendSignal, EventStore, ...options.eventCodec.map(tokenOf)],
    };
  }
}

function tokenOf(provider: Provider): InjectionToken {
  return 'provide' in provider ? provider.provide : provider;
}
