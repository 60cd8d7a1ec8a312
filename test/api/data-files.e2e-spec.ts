import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFromEnv } from '@registry/platform';
import { readApiKeyFile } from '../support/api-key-file';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/create-app';

jest.setTimeout(60_000);

describe('the data folder on SQLite', () => {
  let app: NestFastifyApplication;
  const parent = mkdtempSync(join(tmpdir(), 'registry-files-'));
  // A folder the service creates itself.
  const dataDir = join(parent, 'data');

  beforeAll(async () => {
    app = await createRegistryApp(configFromEnv({ REGISTRY_DATA_DIR: dataDir }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const platformKey = readApiKeyFile(dataDir).principals.find((p) => p.principalId === 'demo-platform')!.apiKey;
    await request(app.getHttpServer()).post('/platform/shops').set('x-api-key', platformKey).send({ shopId: 'perm-1', displayName: 'Perm' }).expect(201);
  });
  afterAll(async () => {
    await app.close();
    rmSync(parent, { recursive: true, force: true });
  });

  const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it('is created readable by the owner only (0700)', () => expect(modeOf(dataDir)).toBe('700'));

  it('holds the database, its WAL and the secrets readable by the owner only (0600)', () => {
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['registry.sqlite', 'registry.sqlite-wal']));
    for (const file of files) expect({ file, mode: modeOf(join(dataDir, file)) }).toEqual({ file, mode: '600' });
  });
});
