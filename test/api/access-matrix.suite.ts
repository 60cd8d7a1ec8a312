import { RunningRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

const CALLERS = ['anonymous', 'revoked key', 'admin', 'platform', 'bank', 'telecom', 'carrier', 'enforcement', 'tax office'] as const;
type Caller = (typeof CALLERS)[number];

/** The bootstrap principal and role behind each caller that has a valid key. */
const PRINCIPALS: { readonly [C in Exclude<Caller, 'anonymous' | 'revoked key'>]: { id: string; role: string } } = {
  admin: { id: 'bootstrap-admin', role: 'admin' },
  platform: { id: 'demo-platform', role: 'platform' },
  bank: { id: 'demo-bank', role: 'partner' },
  telecom: { id: 'demo-telecom', role: 'partner' },
  carrier: { id: 'demo-carrier', role: 'partner' },
  enforcement: { id: 'demo-officer', role: 'enforcement' },
  'tax office': { id: 'demo-tax-office', role: 'tax_office' },
};

/** Allowed: past authentication and authorisation, whatever the route then makes of the request. */
const ok = 'allowed';
type Outcome = 401 | 403 | typeof ok;

/**
 * Every route the app serves, and what each caller gets from it. Deny by default: no superuser,
 * so the admin is refused the platform's, partners' and enforcement's routes like anyone else.
 */
// prettier-ignore
export const ACCESS_MATRIX: Readonly<Record<string, readonly Outcome[]>> = {
  //                                                     anonymous revoked admin platform bank telecom carrier enforcement tax
  'GET /health/live':                                     [ok,       ok,     ok,   ok,      ok,  ok,     ok,     ok,         ok],
  'GET /health/ready':                                    [ok,       ok,     ok,   ok,      ok,  ok,     ok,     ok,         ok],
  'GET /whoami':                                          [401,      401,    ok,   ok,      ok,  ok,     ok,     ok,         ok],
  'GET /metrics':                                         [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'GET /admin/principals':                                [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'POST /admin/principals':                               [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'POST /admin/principals/{id}/revoke':                   [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'POST /admin/principals/{id}/rotate-key':               [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'GET /admin/projections':                               [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'POST /admin/projections/{name}/rebuild':               [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'POST /admin/erasures':                                 [401,      401,    ok,   403,     403, 403,    403,    403,        403],
  'GET /platform/shops':                                  [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops':                                 [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/bulk':                            [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'GET /platform/shops/{shopId}':                         [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'PATCH /platform/shops/{shopId}':                       [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'GET /platform/shops/{shopId}/history':                 [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/suspend':                [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/reinstate':              [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/close':                  [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/claims':                 [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/claims/{claimId}/verify':  [401,    401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/claims/{claimId}/dispute': [401,    401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/shops/{shopId}/claims/{claimId}/retract': [401,    401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/links':                                 [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/links/unlink':                          [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/sales-reports':                         [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'POST /platform/sales-reports/bulk':                    [401,      401,    403,  ok,      403, 403,    403,    403,        403],
  'GET /tax/feed':                                        [401,      401,    403,  403,     403, 403,    403,    403,        ok],
  'GET /tax/withholding-rules':                           [401,      401,    403,  ok,      403, 403,    403,    403,        ok],
  'GET /schemas/tax/{file}':                              [ok,       ok,     ok,   ok,      ok,  ok,     ok,     ok,         ok],
  'POST /partner/attestations':                           [401,      401,    403,  403,     ok,  ok,     ok,     403,        403],
  'POST /partner/attestations/bulk':                      [401,      401,    403,  403,     ok,  ok,     ok,     403,        403],
  'POST /partner/attestations/{recordId}/withdraw':       [401,      401,    403,  403,     ok,  ok,     ok,     403,        403],
  'POST /enforcement/links':                              [401,      401,    403,  403,     403, 403,    403,    ok,         403],
  'POST /enforcement/links/unlink':                       [401,      401,    403,  403,     403, 403,    403,    ok,         403],
  'GET /enforcement/shops/{platformId}/{shopId}/operator':           [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'GET /enforcement/shops/{platformId}/{shopId}/operator/formation': [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'GET /enforcement/shops/{platformId}/{shopId}/operator/network':   [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'GET /enforcement/shops/{platformId}/{shopId}/operator/tax':       [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'GET /enforcement/shops/{platformId}/{shopId}/why/{otherPlatformId}/{otherShopId}': [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'GET /enforcement/shops/{platformId}/{shopId}/history':            [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'POST /enforcement/shops/{platformId}/{shopId}/flags':             [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'POST /enforcement/identifier-searches':                           [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'POST /enforcement/person-searches':                               [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'POST /enforcement/operator-searches':                             [401, 401, 403, 403, 403, 403, 403, ok, 403],
  'POST /admin/enforcement-audit/search':                            [401, 401, ok,  403, 403, 403, 403, 403, 403],
};

const SHOP = 'access-matrix-shop';

/** What each path parameter is filled with: things that exist where that matters, and nothing an allowed call could harm. */
const PATH_PARAMETERS: Readonly<Record<string, string>> = {
  shopId: SHOP,
  platformId: 'demo-platform',
  otherPlatformId: 'demo-platform',
  otherShopId: SHOP,
  claimId: 'owner',
  recordId: 'access-matrix-record',
  id: 'nobody-at-all',
  name: 'no-such-projection',
  file: 'cloudevent.v1.json',
};

const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = PATH_PARAMETERS[name];
    if (value === undefined) throw new Error(`no value for the path parameter ${name} of ${path}: add one to PATH_PARAMETERS`);
    return value;
  });

/**
 * A valid request on each route that names one of the caller's own shops, so that only the
 * shop's owner decides the answer: another platform must get the 404 of a shop that does not exist.
 */
// prettier-ignore
const SHOP_ROUTES: Readonly<Record<string, (shopId: string) => object | undefined>> = {
  'GET /platform/shops/{shopId}': () => undefined,
  'GET /platform/shops/{shopId}/history': () => undefined,
  'PATCH /platform/shops/{shopId}': () => ({ category: 'toys' }),
  'POST /platform/shops/{shopId}/suspend': () => ({ reason: 'KYC document expired' }),
  'POST /platform/shops/{shopId}/reinstate': () => ({ reason: 'KYC renewed' }),
  'POST /platform/shops/{shopId}/close': () => ({ reason: 'seller left' }),
  'POST /platform/shops/{shopId}/claims': () => ({ role: 'contact', subject: { email: 'an@example.vn' } }),
  'POST /platform/shops/{shopId}/claims/{claimId}/verify': () => ({ method: 'bank_confirmation' }),
  'POST /platform/shops/{shopId}/claims/{claimId}/dispute': () => ({ reason: 'bounced' }),
  'POST /platform/shops/{shopId}/claims/{claimId}/retract': () => ({ reason: 'wrong' }),
  'POST /platform/links': (shopId) => ({ shopId, other: { platformId: 'anywhere', shopId: 'x-1' }, evidence: 'same payout account' }),
  'POST /platform/links/unlink': (shopId) => ({ shopId, other: { platformId: 'anywhere', shopId: 'x-1' }, reason: 'different sellers' }),
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Who may call which route: every route, every kind of caller, one visible case per cell. */
export function describeAccessMatrix(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`access matrix on ${store}`, () => {
    let registry: RunningRegistry;
    let served: string[];
    let revokedKey: string;
    let otherPlatformKey: string;

    const keyOf = (caller: Caller): string | undefined =>
      caller === 'anonymous' ? undefined : caller === 'revoked key' ? revokedKey : registry.key(PRINCIPALS[caller].id);

    const call = (route: string, key: string | undefined, path: string, body: object | undefined) => {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch';
      let request = registry.http()[method](path);
      if (key !== undefined) request = request.set('x-api-key', key);
      return method === 'get' ? request : request.send(body ?? {});
    };

    beforeAll(async () => {
      registry = await start();
      const admin = registry.key('bootstrap-admin');
      const openapi = await registry.http().get('/docs/openapi.json').expect(200);
      served = Object.entries(openapi.body.paths as Record<string, object>).flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((method) => HTTP_METHODS.includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
      // Revoked, an admin key that would otherwise open every admin route.
      revokedKey = await registry.addPrincipal({ principalId: 'revoked-admin', role: 'admin', name: 'Revoked administrator' });
      await registry.http().post('/admin/principals/revoked-admin/revoke').set('x-api-key', admin).send({ reason: 'left the team' }).expect(200);
      otherPlatformKey = await registry.addPrincipal({ principalId: 'other-platform', role: 'platform', name: 'Other platform', platformId: 'other-platform' });
      await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration(SHOP)).expect(201);
      await registry.settle();
    });
    afterAll(() => registry.close());

    it('has a row for every route the app serves, and no row for a route it does not serve', () => {
      expect(Object.keys(ACCESS_MATRIX).sort()).toEqual([...served].sort());
    });

    it('has a cell for every caller in every row', () => {
      for (const [route, outcomes] of Object.entries(ACCESS_MATRIX)) expect([route, outcomes.length]).toEqual([route, CALLERS.length]);
    });

    it('keeps health public, /metrics and /admin/* for the admin only, and gives the admin nothing of the other roles', () => {
      const column = (caller: Caller) => CALLERS.indexOf(caller);
      for (const [route, outcomes] of Object.entries(ACCESS_MATRIX)) {
        const path = route.split(' ')[1];
        if (path.startsWith('/health/')) expect([route, outcomes]).toEqual([route, CALLERS.map(() => ok)]);
        if (path === '/metrics' || path.startsWith('/admin/')) {
          expect([route, outcomes]).toEqual([
            route,
            CALLERS.map((caller) => (caller === 'anonymous' || caller === 'revoked key' ? 401 : caller === 'admin' ? ok : 403)),
          ]);
        }
        // A route open to some roles only, one of them not the admin's, stays closed to the admin.
        const forSomeRoles = outcomes[column('anonymous')] === 401 && outcomes.includes(403);
        const others = CALLERS.filter((caller) => !['anonymous', 'revoked key', 'admin'].includes(caller));
        if (forSomeRoles && others.some((caller) => outcomes[column(caller)] === ok)) expect([route, outcomes[column('admin')]]).toEqual([route, 403]);
      }
    });

    const cells = Object.entries(ACCESS_MATRIX).flatMap(([route, outcomes]) =>
      CALLERS.map((caller, i) => [route, caller, outcomes[i] === ok ? 'allowed' : String(outcomes[i]), outcomes[i]] as const),
    );

    it.each(cells)('%s as %s → %s', async (route, caller, _, expected) => {
      const head = await registry.store.headPosition();
      const response = await call(route, keyOf(caller), fill(route.split(' ')[1]), {});

      if (expected === ok) {
        expect([401, 403]).not.toContain(response.status);
        expect(response.status).toBeLessThan(500);
        return;
      }
      expect(response.status).toBe(expected);
      expect(response.body).toMatchObject(
        expected === 401
          ? { status: 401, detail: 'credentials: missing or invalid API key' }
          : { status: 403, detail: `role: ${PRINCIPALS[caller as keyof typeof PRINCIPALS].role} may not call this route` },
      );
      expect(await registry.store.headPosition()).toBe(head);
    });

    it('has a valid request for every route that names one of the platform’s own shops', () => {
      const namingShops = served.filter((route) => /^\S+ \/platform\/(shops\/\{shopId\}|links)/.test(route));
      expect(Object.keys(SHOP_ROUTES).sort()).toEqual(namingShops.sort());
    });

    it.each(Object.keys(SHOP_ROUTES))('%s on another platform’s shop → the 404 of a shop that does not exist', async (route) => {
      const head = await registry.store.headPosition();
      const path = (shopId: string) => fill(route.split(' ')[1]).replace(SHOP, shopId);
      const foreign = await call(route, otherPlatformKey, path(SHOP), SHOP_ROUTES[route](SHOP));
      const missing = await call(route, otherPlatformKey, path('never-registered'), SHOP_ROUTES[route]('never-registered'));
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      expect(await registry.store.headPosition()).toBe(head);
    });
  });
}
