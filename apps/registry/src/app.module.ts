import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { eventStoreMigrations } from '@registry/event-store';
import {
  AuthModule,
  ConfigModule,
  IdempotencyInterceptor,
  IdempotencyKeys,
  DatabaseModule,
  HealthModule,
  MetricsModule,
  ProjectionsModule,
  PrincipalDirectoryProjection,
  RegistryConfig,
  authMigrations,
  idempotencyMigrations,
} from '@registry/platform';
import { PersonalDataIndexProjection, PrivacyModule, personalDataEncryption, privacyMigrations } from '@registry/privacy';
import { RegistrationModule, registrationMigrations, registrationPersonalFields, registrationProjections } from '@registry/registration';
import { ResolutionModule, resolutionMigrations, resolutionPersonalFields, resolutionProjections } from '@registry/resolution';
import { ObligationsModule, obligationsMigrations, obligationsPersonalFields } from '@registry/obligations';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { AdminModule } from './admin/admin.module';

/** The registry service: every bounded context in one process, or one role of it (REGISTRY_ROLE). */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Nest's Logger writes through this logger; the access log is written by hooks (createRegistryApp), so no middleware.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        DatabaseModule.forRoot({
          migrations: [
            ...eventStoreMigrations,
            ...privacyMigrations,
            ...idempotencyMigrations,
            ...authMigrations,
            ...registrationMigrations,
            ...resolutionMigrations,
            ...obligationsMigrations,
          ],
          eventCodec: personalDataEncryption({ ...registrationPersonalFields, ...resolutionPersonalFields, ...obligationsPersonalFields }),
        }),
        ProjectionsModule.forRoot([PrincipalDirectoryProjection, PersonalDataIndexProjection, ...registrationProjections, ...resolutionProjections]),
        CqrsModule.forRoot(),
        HealthModule,
        MetricsModule,
        AuthModule,
        AdminModule,
        RegistrationModule,
        PrivacyModule,
        ResolutionModule,
        ObligationsModule,
      ],
      providers: [
        IdempotencyKeys,
        // Rate limits are a guard (AuthModule): a request over its key's limit never takes an Idempotency-Key.
        // Bound to the write routes only, by createRegistryApp (bindIdempotencyToWrites).
        IdempotencyInterceptor,
      ],
    };
  }
}
