import { RunningRegistry, startRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

jest.setTimeout(60_000);

/** Limits are counted in memory per process, so one store is enough to show them. */
describe('rate limits per API key, set per role', () => {
  let registry: RunningRegistry;
  let n = 0;
  const newPlatform = async () => {
    const platformId = `rl-${++n}`;
    return registry.addPrincipal({ principalId: platformId, role: 'platform', name: `Platform ${n}`, platformId });
  };

  beforeAll(async () => (registry = await startRegistry({ REGISTRY_RATE_LIMIT_PLATFORM: '5' })));
  afterAll(() => registry.close());

  it('answers 429 with Retry-After once a key has sent its minute’s allowance, and the refused write changes nothing', async () => {
    const key = await newPlatform();
    for (let i = 0; i < 4; i++) await registry.http().get('/platform/shops').set('x-api-key', key).expect(200);
    await registry.http().post('/platform/shops').set('x-api-key', key).send(aRegistration('rl-first')).expect(201);
    const head = await registry.store.headPosition();
    const refused = await registry.http().post('/platform/shops').set('x-api-key', key).send(aRegistration('rl-second')).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ status: 429, detail: expect.stringMatching(/^rate limit: this key may send 5 items per minute/) });
    expect(await registry.store.headPosition()).toBe(head);
  });

  it('keeps each key’s allowance apart, and each role has its own limit', async () => {
    const spent = await newPlatform();
    for (let i = 0; i < 5; i++) await registry.http().get('/platform/shops').set('x-api-key', spent).expect(200);
    await registry.http().get('/platform/shops').set('x-api-key', spent).expect(429);
    await registry
      .http()
      .get('/platform/shops')
      .set('x-api-key', await newPlatform())
      .expect(200);
    for (let i = 0; i < 10; i++) await registry.http().get('/whoami').set('x-api-key', registry.key('demo-bank')).expect(200);
  });

  it('counts a bulk request by its items', async () => {
    const key = await newPlatform();
    const tooMany = await registry
      .http()
      .post('/platform/shops/bulk')
      .set('x-api-key', key)
      .send({ shops: [1, 2, 3, 4, 5, 6].map((i) => aRegistration(`rl-bulk-${i}`)) })
      .expect(429);
    expect(tooMany.body.detail).toMatch(/counts 6 items, more than the 5 per minute/);
    await registry
      .http()
      .post('/platform/shops/bulk')
      .set('x-api-key', key)
      .send({ shops: [1, 2, 3, 4].map((i) => aRegistration(`rl-bulk-${i}`)) })
      .expect(200);
    await registry.http().get('/platform/shops').set('x-api-key', key).expect(200);
    await registry.http().get('/platform/shops').set('x-api-key', key).expect(429);
  });
});
