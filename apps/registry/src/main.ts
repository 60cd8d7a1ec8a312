import 'reflect-metadata';
import { JsonLogger, configFromEnv } from '@registry/platform';
import { runCli } from './cli';
import { createRegistryApp } from './create-app';

async function main(): Promise<void> {
  const config = configFromEnv();
  const logger = new JsonLogger(config.logLevel);
  const [command = 'serve', ...args] = process.argv.slice(2);
  if (command !== 'serve') {
    process.exitCode = await runCli(command, args, config, logger);
    return;
  }
  const app = await createRegistryApp(config, logger);
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.log({
    msg: 'registry listening',
    url: `http://localhost:${config.port}`,
    docs: `http://localhost:${config.port}/docs`,
    store: config.sql.dialect === 'sqlite' ? config.sql.file : 'postgresql',
    role: config.role,
  });
}

main().catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'registry failed to start', error: String(error) })}\n`);
  process.exit(1);
});
