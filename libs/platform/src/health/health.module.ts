import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabasePing } from './database-ping';
import { HealthController } from './health.controller';

@Global()
@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [DatabasePing] })
export class HealthModule {}
