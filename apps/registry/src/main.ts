import 'reflect-metadata';
import { configFromEnv, createLogger } from '@registry/platform';
import { runCli } from './cli';
import { createRegistryApp } from './create-app';

async function main(): Promise<void> {
  const [command = 'serve', ...args] = process.argv.slice(2);
  if (command !== 'serve') {
    process.exitCode = await runCli(command, args);
    return;
  }
  const config = configFromEnv();
  const logger = createLogger(config.logLevel);
  const app = await createRegistryApp(config, logger);
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  logger.info(
    {
      url: `http://localhost:${config.port}`,
      docs: `http://localhost:${config.port}/docs`,
      openapi: `http://localhost:${config.port}/docs-json`,
      store: config.sql.dialect === 'sqlite' ? config.sql.file : 'postgresql',
      role: config.role,
    },
    'registry listening',
  );
}

main().catch((error) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', msg: 'registry failed to start', error: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exit(1);
});
