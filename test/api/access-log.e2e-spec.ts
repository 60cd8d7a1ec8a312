import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

interface AccessLine {
  readonly msg: string;
  readonly requestId: string;
  readonly method: string;
  readonly route: string | null;
  readonly status: number;
  readonly responseTime: number;
  readonly principal: string | null;
}

/** One access line per request, with the request id the client sees in X-Request-Id. */
describe('the access log', () => {
  let registry: RunningRegistry;
  const linesNow = (requestId: string): AccessLine[] =>
    registry.logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request' && entry.requestId === requestId);
  /**
   * The access line is written once the response is sent (Fastify's onResponse), so it may follow
   * the client's answer by a moment: a long one on a loaded machine, hence up to 10 s.
   */
  async function linesOf(requestId: string): Promise<AccessLine[]> {
    const until = Date.now() + 10_000;
    while (Date.now() < until && linesNow(requestId).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    return linesNow(requestId);
  }

  beforeAll(async () => (registry = await startRegistry()));
  afterAll(() => registry.close());

  it('logs method, route, status, time and principal under the request id the client gave, and echoes it', async () => {
    const response = await registry.http().get('/platform/shops').set('x-api-key', registry.key('demo-platform')).set('X-Request-Id', 'trace-7f3a');

    expect(response.headers['x-request-id']).toBe('trace-7f3a');
    expect(await linesOf('trace-7f3a')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/platform/shops', status: 200, principal: 'demo-platform', responseTime: expect.any(Number) }),
    ]);
  });

  it('gives a request without an id (or with one that is not a plain token) an id of its own', async () => {
    const response = await registry.http().get('/whoami').set('x-api-key', registry.key('demo-officer')).set('X-Request-Id', 'has spaces');
    const id = response.headers['x-request-id'];

    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await linesOf(id)).toEqual([expect.objectContaining({ route: '/whoami', status: 200, principal: 'demo-officer' })]);
  });

  it('logs refused requests too: a 401 without principal, a 415 refused before any route', async () => {
    const unauthenticated = await registry.http().get('/platform/shops').set('X-Request-Id', 'no-key');
    const notJson = await registry
      .http()
      .post('/platform/shops')
      .set('x-api-key', registry.key('demo-platform'))
      .set('content-type', 'text/plain')
      .set('X-Request-Id', 'not-json')
      .send('x');

    expect([unauthenticated.status, notJson.status]).toEqual([401, 415]);
    expect(await linesOf('no-key')).toEqual([expect.objectContaining({ status: 401, principal: null })]);
    expect(await linesOf('not-json')).toEqual([expect.objectContaining({ method: 'POST', status: 415 })]);
  });

  it('logs the route pattern, never an identifier from the path', async () => {
    await registry.http().get('/platform/shops/001089012345').set('x-api-key', registry.key('demo-platform')).set('X-Request-Id', 'by-path').expect(404);

    expect(await linesOf('by-path')).toEqual([expect.objectContaining({ route: '/platform/shops/:shopId', status: 404 })]);
    expect(registry.logs.join('\n')).not.toContain('001089012345');
  });
});
