/**
 * The framework's own floor for `npm run bench:http`: a minimal Nest application on the same
 * Fastify adapter as the registry, with one route behind a global guard that reads a header and
 * answers what `GET /whoami` answers. No database, no logging, no interceptors.
 *
 * Run as a child process: `node -r ts-node/register/transpile-only minimal-nest-app.ts <port>`;
 * it writes `listening` on stdout once it listens on 127.0.0.1.
 */
import 'reflect-metadata';
import { CanActivate, Controller, ExecutionContext, Get, Injectable, Module, UnauthorizedException } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

export const MINIMAL_KEY = 'minimal-key';
const PRINCIPAL = { id: 'demo-platform', role: 'platform', name: 'Demo platform', platformId: 'demo-platform' };

@Injectable()
class HeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (request.headers['x-api-key'] !== MINIMAL_KEY) throw new UnauthorizedException();
    return true;
  }
}

@Controller()
class WhoAmIController {
  @Get('whoami')
  whoAmI() {
    return PRINCIPAL;
  }
}

@Module({ controllers: [WhoAmIController], providers: [{ provide: APP_GUARD, useClass: HeaderGuard }] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(MinimalModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.argv[2]), '127.0.0.1');
  process.stdout.write('listening\n');
}

if (require.main === module) void main();
