import { DynamicModule, Module } from '@nestjs/common';
import { REGISTRY_CONFIG, RegistryConfig } from './registry-config';

@Module({})
export class ConfigModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: REGISTRY_CONFIG, useValue: config }], exports: [REGISTRY_CONFIG] };
  }
}
