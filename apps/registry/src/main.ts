import 'reflect-metadata';
import { configFromEnv, createLogger } from '@registry/platform';
import { runCli } from './cli';
import { createRegistryApp } from './create-app';

// Node 20's AsyncResource.bind wraps two accessors in util.deprecate on every call, and Nest binds
// once per interceptor per request. Node 20.20 wraps even with this flag set (it only silences the
// warning), so reads run no interceptor at all (bindIdempotencyToWrites); writes still pay it.
// Only the process started here: the test suites build the app without it, so they still show deprecations.
(process as NodeJS.Process & { noDeprecation: boolean }).noDeprecation = true;

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
