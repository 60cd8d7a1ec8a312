import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectionRunner } from '@registry/event-store';
import { RegistryConfig } from '@registry/platform';
import { AppModule } from './app.module';

const USAGE = 'usage: registry [serve] | projections | rebuild <projection>';

/** Operator commands that run against the configured database without serving HTTP. */
export async function runCli(command: string, args: string[], config: RegistryConfig, logger: LoggerService): Promise<number> {
  if (!['projections', 'rebuild'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const context = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, role: 'api', bootstrapKeys: false }), { logger });
  try {
    const runner = context.get(ProjectionRunner);
    if (command === 'projections') {
      process.stdout.write(JSON.stringify(await runner.status(), null, 2) + '\n');
      return 0;
    }
    const [name] = args;
    if (!name || !runner.names().includes(name)) {
      process.stderr.write(`rebuild needs one of: ${runner.names().join(', ') || '(no projections)'}\n`);
      return 2;
    }
    const started = Date.now();
    const applied = await runner.rebuild(name);
    process.stdout.write(`${name}: rebuilt from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await context.close();
  }
}
