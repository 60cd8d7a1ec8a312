import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { eventStoreMigrations } from '@registry/event-store';
import {
  ConfigModule,
  IdempotencyInterceptor,
  DatabaseModule,
  HealthModule,
  MetricsModule,
  ProjectionsModule,
  RegistryConfig,
  idempotencyMigrations,
} from '@registry/platform';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RegistrationModule, registrationMigrations, registrationProjections } from '@registry/registration';
import { AdminModule } from './admin/admin.module';

/** The registry service: every bounded context in one process, or one role of it (REGISTRY_ROLE). */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ migrations: [...eventStoreMigrations, ...idempotencyMigrations, ...registrationMigrations] }),
        ProjectionsModule.forRoot([...registrationProjections]),
        CqrsModule.forRoot(),
        HealthModule,
        MetricsModule,
        AdminModule,
        RegistrationModule,
      ],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
