import { Module, Type } from '@nestjs/common';
import { WhoAmIController } from './who-am-i/who-am-i.controller';
import { APP_GUARD } from '@nestjs/core';
import { SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';
import { RateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { AuthGuard } from './auth.guard';
import { AUTHENTICATORS, Authenticator } from './authenticator';
import { BootstrapKeys } from './bootstrap/bootstrap-keys';
import { CreatePrincipalController } from './create-principal/create-principal.controller';
import { CreatePrincipalHandler } from './create-principal/create-principal.handler';
import { ListPrincipalsController } from './list-principals/list-principals.controller';
import { ListPrincipalsHandler } from './list-principals/list-principals.handler';
import { PrincipalDirectory } from './principal-directory/principal-directory';
import { PrincipalService } from './principal.service';
import { RevokePrincipalController } from './revoke-principal/revoke-principal.controller';
import { RevokePrincipalHandler } from './revoke-principal/revoke-principal.handler';
import { RotateApiKeyController } from './rotate-api-key/rotate-api-key.controller';
import { RotateApiKeyHandler } from './rotate-api-key/rotate-api-key.handler';

/** The ways a request can prove who it is, asked in this order; a JwtAuthenticator joins this list. */
const AUTHENTICATOR_TYPES: Type<Authenticator>[] = [ApiKeyAuthenticator];

/**
 * Access control: principals and their API keys, the global guard, the admin endpoints and the
 * first-start keys. Needs `authMigrations` in the database schema and `PrincipalDirectoryProjection`
 * among the projections.
 */
@Module({
  controllers: [CreatePrincipalController, ListPrincipalsController, RevokePrincipalController, RotateApiKeyController, WhoAmIController],
  providers: [
    {
      provide: PrincipalDirectory,
      inject: [SqlDatabase, REGISTRY_CONFIG],
      useFactory: (db: SqlDatabase, config: RegistryConfig) => new PrincipalDirectory(db, { ttlMs: config.principalCacheSeconds * 1000 }),
    },
    PrincipalService,
    ...AUTHENTICATOR_TYPES,
    { provide: AUTHENTICATORS, inject: AUTHENTICATOR_TYPES, useFactory: (...authenticators: Authenticator[]) => authenticators },
    { provide: APP_GUARD, useClass: AuthGuard },
    // After AuthGuard (global guards run in the order they are provided): it needs the principal.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    CreatePrincipalHandler,
    ListPrincipalsHandler,
    RevokePrincipalHandler,
    RotateApiKeyHandler,
    BootstrapKeys,
  ],
  exports: [PrincipalDirectory, PrincipalService, AUTHENTICATORS],
})
export class AuthModule {}
