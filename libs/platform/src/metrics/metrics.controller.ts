import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Metrics } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: request latency, appends, projection lag' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The Prometheus text format',
    schema: { type: 'string', example: '# TYPE registry_tax_relay_lag_events gauge\nregistry_tax_relay_lag_events 0\n' },
  })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
