import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Processor } from '@registry/event-store';
import { Principal } from '../auth/principal';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';
import { Public } from '../http/public.decorator';
import { DatabasePing } from './database-ping';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DatabasePing,
    private readonly projections: Processor,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers, projections (and the tax relay, where it runs) are not too far behind',
    description: 'Positions, lags and errors for an admin key only; anyone else gets the status alone (200 ok or 503 error).',
  })
  @HealthCheck()
  async ready(@Req() request: { principal?: Principal }) {
    // Not ready is a 503 that leaves through the error mapping, which keeps its status and message only.
    const result = await this.health.check([
      () => this.database(),
      () => this.projectionLag(),
      ...this.projections.reactorNames().map((name) => () => this.reactor(name)),
    ]);
    return request.principal?.role === 'admin' ? result : { status: result.status };
  }

  private async database() {
    const check = this.indicators.check('database');
    try {
      await this.db.ping();
      return check.up({ dialect: this.db.dialect });
    } catch (error) {
      return check.down({ dialect: this.db.dialect, message: (error as Error).message });
    }
  }

  /** A reactor (the tax relay, say) is up while no further behind than projections may be, even while it retries. */
  private async reactor(name: string) {
    const check = this.indicators.check(name);
    try {
      const status = (await this.projections.reactorStatus()).find((s) => s.name === name);
      if (!status) return check.down({ message: `no reactor named ${name}` });
      return status.lag <= this.config.maxProjectionLag ? check.up(status) : check.down(status);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async projectionLag() {
    const check = this.indicators.check('projections');
    const statuses = await this.projections.status();
    const lagging = statuses.filter((s) => s.lag > this.config.maxProjectionLag);
    const detail = Object.fromEntries(statuses.map((s) => [s.name, { checkpoint: s.checkpoint, lag: s.lag, lastError: s.lastError }]));
    return lagging.length === 0 ? check.up(detail) : check.down(detail);
  }
}
