import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFromEnv } from '@registry/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/create-app';
import { aRegistration } from '../api/shops-api.suite';
import { createPostgresDatabase } from '../support/databases';
import { RunningRegistry, startRegistry } from '../support/registry-app';

type Replica = { http(): ReturnType<typeof request> };

jest.setTimeout(60_000);

/** Two API replicas on one PostgreSQL database: the claim on an Idempotency-Key is in the database, so both see it. */
describe('idempotency across API replicas on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let first: RunningRegistry;
  let replica: NestFastifyApplication;
  let second: Replica;
  const replicaDir = mkdtempSync(join(tmpdir(), 'registry-replica-'));

  beforeAll(async () => {
    database = await createPostgresDatabase();
    first = await startRegistry({ DATABASE_URL: database.url });
    // The same secrets, as replicas of one deployment have; no projections in the API replica.
    replica = await createRegistryApp(
      configFromEnv({
        REGISTRY_DATA_DIR: replicaDir,
        DATABASE_URL: database.url,
        REGISTRY_ROLE: 'api',
        REGISTRY_KEY_FILE: join(first.dataDir, 'secrets.json'),
      }),
    );
    await replica.init();
    await replica.getHttpAdapter().getInstance().ready();
    second = { http: () => request(replica.getHttpServer()) };
  });
  afterAll(async () => {
    await replica?.close();
    rmSync(replicaDir, { recursive: true, force: true });
    await first?.close();
    await database?.drop();
  });

  const platformKey = () => first.key('demo-platform');
  const send = (to: Replica, key: string, shopId: string) =>
    to.http().post('/platform/shops').set('x-api-key', platformKey()).set('Idempotency-Key', key).send(aRegistration(shopId));

  it('stores one of five different shops sent at once to two replicas under one key, and answers the four others 422', async () => {
    const shopIds = [1, 2, 3, 4, 5].map((i) => `replica-shop-${i}`);
    const answers = await Promise.all(shopIds.map((shopId, i) => send(i % 2 === 0 ? first : second, 'replicas-five', shopId)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422, 422]);
    for (const [i, answer] of answers.entries()) {
      const stored = await first.store.readStream(`shop-demo-platform:${shopIds[i]}`);
      expect({ shop: i, stored: stored.length > 0 }).toEqual({ shop: i, stored: answer.status === 201 });
    }
  });

  it('answers a retry on the other replica with the stored answer, appending nothing', async () => {
    const created = await send(first, 'replicas-retry', 'replica-retry-shop').expect(201);
    const head = await first.store.headPosition();
    const retried = await send(second, 'replicas-retry', 'replica-retry-shop').expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(created.body);
    expect(await first.store.headPosition()).toBe(head);
  });
});
