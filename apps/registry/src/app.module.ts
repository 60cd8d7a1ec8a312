import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { eventStoreMigrations } from '@registry/event-store';
import {
  ConfigModule,
  DatabaseModule,
  HealthModule,
  MetricsModule,
  ProjectionsModule,
  RegistryConfig,
} from '@registry/platform';
import { AdminModule } from './admin/admin.module';

/** The registry service: every bounded context in one process, or one role of it (REGISTRY_ROLE). */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ migrations: [...eventStoreMigrations] }),
        ProjectionsModule.forRoot([]),
        CqrsModule.forRoot(),
        HealthModule,
        MetricsModule,
        AdminModule,
      ],
    };
  }
}
