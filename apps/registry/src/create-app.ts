import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorMappingFilter, RegistryConfig, assertJsonDepth, bodyParserErrors, registryValidationPipe, requireJsonBodies } from '@registry/platform';
import { AppModule } from './app.module';

/** Builds the service exactly as `npm start` runs it; the e2e tests use the same function. */
export async function createRegistryApp(config: RegistryConfig, logger?: LoggerService): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logger ?? false,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // ETags are shop and record versions, set by the routes; Express's body-hash ETags would only blur them.
  app.set('etag', false);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.bodyLimit, strict: true, verify: (_req: unknown, _res: unknown, raw: Buffer) => assertJsonDepth(raw) });
  app.use(bodyParserErrors);
  app.useGlobalPipes(registryValidationPipe());
  app.useGlobalFilters(new ErrorMappingFilter());
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
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
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
