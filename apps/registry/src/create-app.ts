import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ErrorMappingFilter,
  Metrics,
  RegistryConfig,
  bindIdempotencyToWrites,
  bodyLimitBytes,
  createLogger,
  logRequests,
  observeRequests,
  parseJsonBody,
  requestIdOf,
  withProblemResponses,
  registryValidationPipe,
} from '@registry/platform';
import { Logger } from 'nestjs-pino';
import { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { serveWorkspace } from './serve-workspace';

/** Builds the service exactly as `npm start` runs it; the e2e tests use the same function. */
export async function createRegistryApp(config: RegistryConfig, logger: PinoLogger = createLogger(config.logLevel)): Promise<NestFastifyApplication> {
  const bodyLimit = bodyLimitBytes(config.bodyLimit);
  // Fastify sends no ETag of its own (they are shop and record versions, set by the routes) and no X-Powered-By.
  const adapter = new FastifyAdapter({ bodyLimit, genReqId: requestIdOf });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, logger);
  observeRequests(fastify, app.get(Metrics));
  // JSON only: a body of any other type has no parser, so Fastify refuses it (415) before reading it.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, raw: Buffer, done) => {
    try {
      done(null, parseJsonBody(raw));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.useGlobalPipes(registryValidationPipe());
  app.useGlobalFilters(new ErrorMappingFilter());
  serveWorkspace(app, config.workspaceDir);
  setUpOpenApi(app);
  // Before the routes are built, and at once after, so that no other app of the process binds in between.
  bindIdempotencyToWrites(app);
  await app.init();
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Seller Identity Registry')
        .setDescription(
          'Who really runs a shop: platforms register sellers, partners attest account holders, enforcement asks, ' +
            'the tax office receives obligations. Every statement is an event with provenance.',
        )
        .setVersion('1')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
        .addSecurityRequirements('api-key')
        .build(),
    ),
  );
  // `/docs-json` is where NestJS users look first; `/docs/openapi.json` stays for those who found it.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/docs-json', (_request, reply) => reply.send(document));
}
