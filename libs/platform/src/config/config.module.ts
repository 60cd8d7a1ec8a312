import { DynamicModule, Module } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { REGISTRY_CONFIG, RegistryConfig } from './registry-config';

@Module({})
export class ConfigModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    // Before anything writes there: the data folder holds the database and the secrets, for the owner only.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    return { module: ConfigModule, global: true, providers: [{ provide: REGISTRY_CONFIG, useValue: config }], exports: [REGISTRY_CONFIG] };
  }
}
