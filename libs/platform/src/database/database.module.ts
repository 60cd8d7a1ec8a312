import { DynamicModule, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppendSignal, EventCodec, EventStore, SqlDatabase, SqlEventStore, SqlSchema } from '@registry/event-store';
import { DataKeyStore, Keyring, PersonalDataCodec, PersonalFieldsByEventType, loadKeyring } from '@registry/privacy/core';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
  ) {}

  /** Runs after the HTTP server stopped taking requests: the appends it accepted still commit. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

export const KEYRING = Symbol('KEYRING');
export const EVENT_CODEC = Symbol('EVENT_CODEC');

export interface DatabaseOptions extends SqlSchema {
  /** The personal fields of every context's events: stored encrypted, under a data key per data-subject record. */
  readonly personalFields: PersonalFieldsByEventType;
}

/** The SQL database, the event store on it, and the keys that protect the personal data in it. */
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
        {
          provide: KEYRING,
          inject: [REGISTRY_CONFIG],
          useFactory: (config: RegistryConfig) => loadKeyring(config.secrets, config.dataDir),
        },
        {
          provide: DataKeyStore,
          inject: [SqlDatabase, KEYRING],
          useFactory: (db: SqlDatabase, keyring: Keyring) => new DataKeyStore(db, keyring),
        },
        {
          provide: EVENT_CODEC,
          inject: [DataKeyStore],
          useFactory: (keys: DataKeyStore) => new PersonalDataCodec(keys, options.personalFields),
        },
        { provide: AppendSignal, useFactory: () => new AppendSignal() },
        {
          provide: EventStore,
          inject: [SqlDatabase, AppendSignal, EVENT_CODEC],
          useFactory: (db: SqlDatabase, signal: AppendSignal, codec: EventCodec) => new SqlEventStore(db, signal, codec),
        },
        DatabaseLifecycle,
      ],
      exports: [SqlDatabase, AppendSignal, EventStore, DataKeyStore, KEYRING],
    };
  }
}

