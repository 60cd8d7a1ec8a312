import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabasePing } from './database-ping';
import { HealthController } from './health.controller';
import { ReadinessChecks } from './readiness-checks';

@Global()
@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [ReadinessChecks, DatabasePing], exports: [ReadinessChecks] })
export class HealthModule {}
