import { Body, Controller, Get, INestApplication, Module, Patch, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqlDatabase } from '@registry/event-store';
import { openTemporarySqlite } from '../../../../../test/support/databases';
import { CreateIdempotencyKeys1764400001000 } from './1764400001000-create-idempotency-keys';
import { IdempotencyKeys } from './idempotency-keys';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { bindIdempotencyToWrites } from './idempotency-on-writes';
import { ReadRoute } from './read-route.decorator';

const calls = { read: 0, search: 0, write: 0, change: 0 };

@Controller('things')
class ThingsController {
  @Get() read() {
    return { read: ++calls.read };
  }
  @ReadRoute() @Post('search') search(@Body() body: unknown) {
    return { search: ++calls.search, body };
  }
  @Post() write(@Body() body: unknown) {
    return { write: ++calls.write, body };
  }
  @Patch() change(@Body() body: unknown) {
    return { change: ++calls.change, body };
  }
}

describe('the Idempotency-Key on write routes only', () => {
  const opened: { app: INestApplication; db: SqlDatabase }[] = [];

  /** An app with the interceptor bound as createRegistryApp binds it; every request comes from one principal. */
  async function start(): Promise<NestFastifyApplication> {
    const db = await openTemporarySqlite({ migrations: [CreateIdempotencyKeys1764400001000] });
    @Module({ controllers: [ThingsController], providers: [{ provide: SqlDatabase, useValue: db }, IdempotencyKeys, IdempotencyInterceptor] })
    class ThingsModule {}
    const app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (request, _reply, done) => {
        (request as unknown as { principal?: unknown }).principal = { id: 'platform-a', role: 'platform', name: 'A' };
        done();
      });
    expect(bindIdempotencyToWrites(app)).toBe(2);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    opened.push({ app, db });
    return app;
  }
  const send = (app: NestFastifyApplication, method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object) =>
    app.inject({ method, url, headers: { 'idempotency-key': key }, payload });

  afterEach(async () => {
    for (const { app, db } of opened.splice(0)) {
      await app.close();
      await db.close();
    }
  });

  it('replays a POST and a PATCH retried under their key, and answers a GET and a read-only POST anew under any key', async () => {
    const app = await start();
    const before = { ...calls };
    for (let i = 0; i < 2; i++) {
      await send(app, 'POST', '/things', 'w', { n: 1 });
      await send(app, 'PATCH', '/things', 'c', { n: 2 });
      await send(app, 'GET', '/things', 'r');
      await send(app, 'POST', '/things/search', 's', { n: 3 });
    }
    const retried = await send(app, 'POST', '/things', 'w', { n: 1 });
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual({ write: before.write + 1, body: { n: 1 } });
    expect({
      read: calls.read - before.read,
      search: calls.search - before.search,
      write: calls.write - before.write,
      change: calls.change - before.change,
    }).toEqual({
      read: 2,
      search: 2,
      write: 1,
      change: 1,
    });
  });

  it('keeps each app on its own keys when a second app of the process binds the same handlers', async () => {
    const first = await start();
    const second = await start();
    const before = calls.write;
    await send(first, 'POST', '/things', 'same', { n: 1 });
    const inSecond = await send(second, 'POST', '/things', 'same', { n: 1 });
    expect(inSecond.headers['idempotent-replayed']).toBeUndefined();
    expect((await send(first, 'POST', '/things', 'same', { n: 1 })).headers['idempotent-replayed']).toBe('true');
    expect(calls.write - before).toBe(2);
  });
});
