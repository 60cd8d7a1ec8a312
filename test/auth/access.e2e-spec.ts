import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, SqlDatabase } from '@registry/event-store';
import { configFromEnv, createLogger } from '@registry/platform';
import { ApiKeyFile, BOOTSTRAP_PRINCIPALS, apiKeyFilePath } from '@registry/platform/auth';
import { readApiKeyFile } from '../support/api-key-file';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/create-app';

jest.setTimeout(30_000);

describe('access control, end to end on the embedded store', () => {
  let dataDir: string;
  let app: NestFastifyApplication;
  let file: ApiKeyFile;
  const logs: string[] = [];

  const start = async () => {
    app = await createRegistryApp(configFromEnv({ REGISTRY_DATA_DIR: dataDir }), createLogger('debug', { write: (line: string) => logs.push(line) }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  };
  const http = () => request(app.getHttpServer());
  const keyOf = (principalId: string) => file.principals.find((p) => p.principalId === principalId)!.apiKey;
  const adminKey = () => keyOf('bootstrap-admin');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'registry-auth-e2e-'));
    await start();
    file = readApiKeyFile(dataDir);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 401 to a request without a key', async () => {
    const response = await http().get('/admin/projections').expect(401);
    expect(response.body).toMatchObject({ status: 401, detail: 'credentials: missing or invalid API key' });
  });

  it('answers 401 to an unknown key', () => http().get('/admin/projections').set('x-api-key', 'sir_not-a-key-anyone-was-given').expect(401));

  it('keeps health public', () => http().get('/health/live').expect(200));

  it('answers readiness to anyone with its status alone, and with positions and lags to an admin only', async () => {
    expect((await http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
    expect((await http().get('/health/ready').set('x-api-key', keyOf('demo-officer')).expect(200)).body).toEqual({ status: 'ok' });
    expect((await http().get('/health/ready').set('x-api-key', 'sir_not-a-key-anyone-was-given').expect(200)).body).toEqual({ status: 'ok' });
    const admin = await http().get('/health/ready').set('x-api-key', adminKey()).expect(200);
    expect(admin.body.details.projections).toMatchObject({ 'identity-graph': { checkpoint: expect.any(Number), lag: expect.any(Number) } });
  });

  it('writes one key per bootstrap principal to <dataDir>/api-keys.json, readable by its owner only', () => {
    expect(statSync(apiKeyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(file.principals.map((p) => p.principalId)).toEqual(BOOTSTRAP_PRINCIPALS.map((p) => p.id));
    expect(new Set(file.principals.map((p) => p.role))).toEqual(new Set(['admin', 'platform', 'partner', 'enforcement', 'tax_office']));
    for (const { apiKey } of file.principals) expect(apiKey).toMatch(/^sir_[A-Za-z0-9_-]{43}$/);
  });

  it('logs where the keys are, never the keys', () => {
    const output = logs.join('\n');
    expect(output).toContain(apiKeyFilePath(dataDir));
    for (const { apiKey } of file.principals) expect(output).not.toContain(apiKey);
  });

  it('lets the bootstrap admin key in, in x-api-key or as a bearer token', async () => {
    await http().get('/admin/projections').set('x-api-key', adminKey()).expect(200);
    await http().get('/admin/projections').set('authorization', `Bearer ${adminKey()}`).expect(200);
  });

  it('answers 403 to every other bootstrap key on an admin route: the key is valid, the role is not allowed', async () => {
    for (const { principalId, apiKey } of file.principals.filter((p) => p.role !== 'admin')) {
      const response = await http().get('/admin/projections').set('x-api-key', apiKey);
      expect([principalId, response.status]).toEqual([principalId, 403]);
    }
    const response = await http().get('/admin/principals').set('x-api-key', keyOf('demo-platform')).expect(403);
    expect(response.body.detail).toBe('role: platform may not call this route');
  });

  it('lets an admin create a principal whose key works as soon as the answer arrives', async () => {
    const created = await http()
      .post('/admin/principals')
      .set('x-api-key', adminKey())
      .send({ principalId: 'ops-admin', role: 'admin', name: 'Operations' })
      .expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toEqual({ principalId: 'ops-admin', role: 'admin', apiKey: expect.stringMatching(/^sir_/) });
    await http().get('/admin/projections').set('x-api-key', created.body.apiKey).expect(200);
  });

  it('records who created a principal, and only the hash of its key', async () => {
    const [event] = await app.get(EventStore).readStream('principal-ops-admin');
    expect(event).toMatchObject({ type: 'PrincipalCreated', metadata: { principal: 'bootstrap-admin', causationId: null } });
    expect(event.data).toEqual(expect.objectContaining({ keyHash: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect(JSON.stringify(event)).not.toContain('sir_');
  });

  it('answers 400 naming the field when the input is wrong', async () => {
    const post = (body: object) => http().post('/admin/principals').set('x-api-key', adminKey()).send(body).expect(400);
    expect((await post({ principalId: 'Not An Id', role: 'admin', name: 'x' })).body.detail).toMatch(/^principalId: /);
    expect((await post({ principalId: 'acme', role: 'platform', name: 'Acme' })).body.detail).toBe('platformId: is required for role platform');
    expect((await post({ principalId: 'acme', role: 'root', name: 'Acme' })).body.detail).toMatch(/^role: /);
  });

  it('refuses an Idempotency-Key where the answer carries a new key, so that no key is stored for a replay', async () => {
    await http()
      .post('/admin/principals')
      .set('x-api-key', adminKey())
      .set('idempotency-key', 'create-1')
      .send({ principalId: 'replayed-admin', role: 'admin', name: 'Replayed' })
      .expect(400);
    await http().post('/admin/principals/demo-bank/rotate-key').set('x-api-key', adminKey()).set('idempotency-key', 'rotate-1').expect(400);
    const stored = await app.get(SqlDatabase).reader.rows('SELECT body FROM idempotency_keys');
    expect(JSON.stringify(stored)).not.toContain('sir_');
  });

  it('answers 409 to a principal id that is taken', () =>
    http().post('/admin/principals').set('x-api-key', adminKey()).send({ principalId: 'ops-admin', role: 'admin', name: 'Again' }).expect(409));

  it('lists the principals without their keys or key hashes', async () => {
    const response = await http().get('/admin/principals').set('x-api-key', adminKey()).expect(200);
    expect(response.body).toContainEqual(
      expect.objectContaining({ principalId: 'demo-bank', role: 'partner', partnerId: 'demo-bank', partnerKind: 'bank', revokedAt: null }),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/sir_|keyHash|key_hash|[0-9a-f]{64}/);
  });

  it('rotates a key: the new one works at once, the old one no longer', async () => {
    const oldKey = keyOf('demo-officer');
    const rotated = await http().post('/admin/principals/demo-officer/rotate-key').set('x-api-key', adminKey()).expect(200);
    expect(rotated.body).toEqual({ principalId: 'demo-officer', apiKey: expect.stringMatching(/^sir_/) });
    await http().get('/admin/projections').set('x-api-key', oldKey).expect(401);
    await http().get('/admin/projections').set('x-api-key', rotated.body.apiKey).expect(403);
  });

  it('revokes a principal: its key is refused as soon as the answer arrives', async () => {
    const created = await http()
      .post('/admin/principals')
      .set('x-api-key', adminKey())
      .send({ principalId: 'temp-admin', role: 'admin', name: 'Temporary' })
      .expect(201);
    await http().post('/admin/principals/temp-admin/revoke').set('x-api-key', adminKey()).send({ reason: 'no longer needed' }).expect(200, {
      principalId: 'temp-admin',
      revoked: true,
    });
    await http().get('/admin/projections').set('x-api-key', created.body.apiKey).expect(401);
    await http().post('/admin/principals/temp-admin/rotate-key').set('x-api-key', adminKey()).expect(409);
  });

  it('answers 404 for a principal that does not exist, and 400 for a revocation without a reason', async () => {
    await http().post('/admin/principals/nobody/revoke').set('x-api-key', adminKey()).send({ reason: 'x' }).expect(404);
    const response = await http().post('/admin/principals/demo-bank/revoke').set('x-api-key', adminKey()).send({}).expect(400);
    expect(response.body.detail).toMatch(/^reason: /);
  });

  it('keeps the keys of the first start on the next one', async () => {
    const before = readFileSync(apiKeyFilePath(dataDir), 'utf8');
    await app.close();
    await start();
    expect(readFileSync(apiKeyFilePath(dataDir), 'utf8')).toBe(before);
    await http().get('/admin/projections').set('x-api-key', adminKey()).expect(200);
  });
});
