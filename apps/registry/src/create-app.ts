import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ErrorMappingFilter,
  RegistryConfig,
  accessLogOptions,
  createLogger,
  withProblemResponses,
  assertJsonDepth,
  bodyParserErrors,
  registryValidationPipe,
  requireJsonBodies,
} from '@registry/platform';
import { Express } from 'express';
import { Logger } from 'nestjs-pino';
import { Logger as PinoLogger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';
import { serveWorkspace } from './serve-workspace';

/** Builds the service exactly as `npm start` runs it; the e2e tests use the same function. */
export async function createRegistryApp(config: RegistryConfig, logger: PinoLogger = createLogger(config.logLevel)): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // First, so that a request refused by the middleware below (415, malformed JSON) has its line too.
  app.use(pinoHttp(accessLogOptions(logger)));
  app.disable('x-powered-by');
  // ETags are shop and record versions, set by the routes; Express's body-hash ETags would only blur them.
  app.set('etag', false);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.bodyLimit, strict: true, verify: (_req: unknown, _res: unknown, raw: Buffer) => assertJsonDepth(raw) });
  app.use(bodyParserErrors);
  app.useGlobalPipes(registryValidationPipe());
  app.useGlobalFilters(new ErrorMappingFilter());
  serveWorkspace(app, config.workspaceDir);
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestExpressApplication): void {
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
  (app.getHttpAdapter().getInstance() as Express).get('/docs-json', (_req, res) => res.json(document));
}
