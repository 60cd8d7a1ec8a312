import { CreatePrincipals1764400007000 } from './principal-directory/1764400007000-create-principals';

export * from './principal';
export * from './roles.decorator';
export * from './api-keys';
export * from './authenticator';
export * from './api-key.authenticator';
export * from './auth.guard';
export * from './auth.module';
export * from './principal.service';
export * from './principal-directory/principal-directory';
export * from './principal-directory/principal-directory.projection';
export * from './bootstrap/api-key-file';
export * from './bootstrap/bootstrap-keys';
export * from './domain/principal.events';
export * from './domain/principal.decide';
export * from './domain/principal.state';

export const authMigrations = [CreatePrincipals1764400007000];
