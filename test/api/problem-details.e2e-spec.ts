import { RunningRegistry, startRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

jest.setTimeout(60_000);

/** Errors are RFC 9457 problem details, with one message per fault of each field. */
describe('error answers', () => {
  let registry: RunningRegistry;
  const asPlatform = () => registry.key('demo-platform');

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.http().post('/platform/shops').set('x-api-key', asPlatform()).send(aRegistration('problem-shop')).expect(201);
  });
  afterAll(() => registry.close());

  it('are application/problem+json with type, title, status, detail and the invalid fields', async () => {
    const response = await registry.http().post('/platform/shops/problem-shop/suspend').set('x-api-key', asPlatform()).send({});

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: '/problems/bad-request',
      title: 'Bad Request',
      status: 400,
      detail: expect.stringMatching(/^reason: /),
      errors: [{ field: 'reason', message: expect.any(String) }],
    });
  });

  it('give one message for a field that breaks several rules', async () => {
    const retracted = await registry.http().post('/platform/shops/problem-shop/claims/c1/retract').set('x-api-key', asPlatform()).send({});
    const listed = await registry.http().get('/platform/shops?limit=abc').set('x-api-key', asPlatform());

    expect(retracted.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    expect(retracted.body.detail).not.toContain(';');
    expect(listed.body.errors).toEqual([{ field: 'limit', message: expect.any(String) }]);
  });

  it('name the header or parameter of a fault outside the body as its field', async () => {
    const response = await registry.http().patch('/platform/shops/a%20b').set('x-api-key', asPlatform()).send({ category: 'x' });

    expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'shopId', message: expect.any(String) }] });
  });

  it('carry no field list when the fault is not in the input', async () => {
    const response = await registry.http().get('/platform/shops').set('x-api-key', 'not-a-key');

    expect(response.body).toEqual({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'credentials: missing or invalid API key' });
  });
});
