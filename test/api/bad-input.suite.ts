import { RunningRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

interface BadInput {
  readonly name: string;
  readonly method?: 'post' | 'patch' | 'get';
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  readonly body?: unknown;
  readonly status: number;
  /** The field the error must name. */
  readonly field: string;
}

const registration = aRegistration('bad-input-shop');
const claim = registration.claims[0];
const withClaim = (change: Record<string, unknown>) => ({ ...registration, claims: [{ ...claim, ...change }] });
const withSubject = (change: Record<string, unknown>) => withClaim({ subject: { ...claim.subject, ...change } });

export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'malformed JSON', body: '{"shopId": "x",', headers: { 'content-type': 'application/json' }, status: 400, field: 'body' },
  { name: 'a body that is not JSON', body: 'shopId=x', headers: { 'content-type': 'text/plain' }, status: 415, field: 'content-type' },
  { name: 'form-encoded body', body: 'shopId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, field: 'content-type' },
  { name: 'JSON array instead of an object', body: [registration], status: 400, field: 'body' },
  { name: 'a PATCH with an array body', method: 'patch', path: '/platform/shops/bad-input-shop', body: [], status: 400, field: 'body' },
  {
    name: 'a PATCH with a bare number',
    method: 'patch',
    path: '/platform/shops/bad-input-shop',
    body: '42',
    headers: { 'content-type': 'application/json' },
    status: 400,
    field: 'body',
  },
  {
    name: 'a body nested 3,000 levels deep',
    body: `${'['.repeat(3000)}${']'.repeat(3000)}`,
    headers: { 'content-type': 'application/json' },
    status: 400,
    field: '32 levels',
  },
  {
    name: 'an object nested 40 levels deep on an add-claim route',
    path: '/platform/shops/bad-input-shop/claims',
    body: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
    status: 400,
    field: '32 levels',
  },
  { name: 'an unknown field', body: { ...registration, owner: 'me' }, status: 400, field: 'owner' },
  { name: 'an unknown field inside a subject', body: withSubject({ nickname: 'An' }), status: 400, field: 'claims[0].subject.nickname' },
  { name: 'shopId of the wrong type', body: { ...registration, shopId: 12345 }, status: 400, field: 'shopId' },
  { name: 'shopId too long', body: { ...registration, shopId: 'x'.repeat(101) }, status: 400, field: 'shopId' },
  { name: 'shopId with a space', body: { ...registration, shopId: 'a b' }, status: 400, field: 'shopId' },
  { name: 'displayName missing', body: { ...registration, displayName: undefined }, status: 400, field: 'displayName' },
  { name: 'displayName empty', body: { ...registration, displayName: '' }, status: 400, field: 'displayName' },
  { name: 'displayName over 200 characters', body: { ...registration, displayName: 'x'.repeat(201) }, status: 400, field: 'displayName' },
  { name: 'url that is not a URL', body: { ...registration, url: 'not a url' }, status: 400, field: 'url' },
  { name: 'url with a javascript: scheme', body: { ...registration, url: 'javascript:alert(1)' }, status: 400, field: 'url' },
  { name: 'claims not an array', body: { ...registration, claims: { role: 'contact' } }, status: 400, field: 'claims' },
  { name: 'more than 50 claims', body: { ...registration, claims: Array(51).fill(claim) }, status: 400, field: 'claims' },
  { name: 'an unknown claim role', body: withClaim({ role: 'cousin' }), status: 400, field: 'claims[0].role' },
  { name: 'CCCD with 11 digits', body: withSubject({ nationalId: '00108901234' }), status: 400, field: 'claims[0].subject.nationalId' },
  { name: 'CCCD with province 097', body: withSubject({ nationalId: '097089012345' }), status: 400, field: 'claims[0].subject.nationalId' },
  { name: 'CCCD born in the future', body: withSubject({ nationalId: '001299012345' }), status: 400, field: 'claims[0].subject.nationalId' },
  { name: 'MST with a wrong check digit', body: withSubject({ taxCode: '0100233480' }), status: 400, field: 'claims[0].subject.taxCode' },
  { name: 'MST branch 000', body: withSubject({ taxCode: '0314409058-000' }), status: 400, field: 'claims[0].subject.taxCode' },
  { name: 'phone that is no Vietnamese number', body: withSubject({ phone: '0112345678' }), status: 400, field: 'claims[0].subject.phone' },
  { name: 'email without a domain', body: withSubject({ email: 'an@' }), status: 400, field: 'claims[0].subject.email' },
  { name: 'impossible date of birth', body: withSubject({ dateOfBirth: '1990-02-30' }), status: 400, field: 'claims[0].subject.dateOfBirth' },
  {
    name: 'impossible verification time',
    body: withClaim({ verification: { method: 'nfc_chip', verifiedAt: '2026-13-01T00:00:00Z' } }),
    status: 400,
    field: 'claims[0].verification.verifiedAt',
  },
  { name: 'an unknown verification method', body: withClaim({ verification: { method: 'trust_me' } }), status: 400, field: 'claims[0].verification.method' },
  { name: 'impossible validFrom', body: withClaim({ validFrom: '2026-04-31' }), status: 400, field: 'claims[0].validFrom' },
  { name: 'validTo before validFrom', body: withClaim({ validFrom: '2026-07-01', validTo: '2026-06-01' }), status: 400, field: 'validTo' },
  {
    name: 'bank account number with letters',
    body: withSubject({ bankAccount: { bankCode: 'VCB', accountNumber: '0011abc' } }),
    status: 400,
    field: 'claims[0].subject.bankAccount',
  },
  {
    name: 'bank account without a bank code',
    body: withSubject({ bankAccount: { accountNumber: '0011004455667' } }),
    status: 400,
    field: 'claims[0].subject.bankAccount.bankCode',
  },
  { name: 'a subject with nothing in it', body: withClaim({ subject: {} }), status: 400, field: 'claims[0].subject' },
  { name: 'a date of birth in the future', body: withSubject({ dateOfBirth: '2099-01-01' }), status: 400, field: 'claims[0].subject.dateOfBirth' },
  { name: 'a name with a right-to-left override', body: withSubject({ fullName: 'Nguyễn \u202EnA' }), status: 400, field: 'claims[0].subject.fullName' },
  { name: 'a name with a zero-width space', body: withSubject({ fullName: 'Ng\u200Buyễn Văn An' }), status: 400, field: 'claims[0].subject.fullName' },
  { name: 'a name with an emoji', body: withSubject({ fullName: 'Nguyễn Văn An 😎' }), status: 400, field: 'claims[0].subject.fullName' },
  { name: 'a name with markup', body: withSubject({ fullName: '<script>alert(1)</script>An' }), status: 400, field: 'claims[0].subject.fullName' },
  { name: 'a display name with a right-to-left override', body: { ...registration, displayName: 'Shop \u202Etxet' }, status: 400, field: 'displayName' },
  { name: 'a display name with markup', body: { ...registration, displayName: '<script>alert(1)</script>' }, status: 400, field: 'displayName' },
  {
    name: 'a display name with an emoji',
    method: 'patch',
    path: '/platform/shops/bad-input-shop',
    body: { displayName: 'Mỹ phẩm 🌸' },
    status: 400,
    field: 'displayName',
  },
  {
    name: 'a display name with a control character',
    method: 'patch',
    path: '/platform/shops/bad-input-shop',
    body: { displayName: 'Mỹ phẩm\u0000' },
    status: 400,
    field: 'displayName',
  },
  {
    name: 'a 38-digit account number written in groups',
    body: withSubject({ bankAccount: { bankCode: 'VCB', accountNumber: `${'1234 '.repeat(8)}123456` } }),
    status: 400,
    field: '6 to 19 digits',
  },
  { name: 'a name that is only digits', body: withSubject({ fullName: '12345' }), status: 400, field: 'claims[0].subject.fullName' },
  { name: 'a body over the size limit', body: { ...registration, displayName: 'x'.repeat(300 * 1024) }, status: 413, field: 'body' },
  { name: 'JSON null', body: 'null', headers: { 'content-type': 'application/json' }, status: 400, field: 'body' },
  {
    name: 'a malformed If-Match',
    method: 'patch',
    path: '/platform/shops/bad-input-shop',
    headers: { 'if-match': 'seven' },
    body: { category: 'x' },
    status: 400,
    field: 'if-match',
  },
  { name: 'an over-long Idempotency-Key', headers: { 'idempotency-key': 'k'.repeat(201) }, body: registration, status: 400, field: 'idempotency-key' },
  { name: 'a malformed correlation id', headers: { 'x-correlation-id': 'has spaces in it' }, body: registration, status: 400, field: 'x-correlation-id' },
  { name: 'a shop id in the path with a space', method: 'patch', path: '/platform/shops/a%20b', body: { category: 'x' }, status: 400, field: 'shopId' },
  { name: 'suspension without a reason', path: '/platform/shops/bad-input-shop/suspend', body: {}, status: 400, field: 'reason' },
  { name: 'a reason over 500 characters', path: '/platform/shops/bad-input-shop/close', body: { reason: 'x'.repeat(501) }, status: 400, field: 'reason' },
  { name: 'a page size of 0', method: 'get', path: '/platform/shops?limit=0', status: 400, field: 'limit' },
  { name: 'a page size that is no number', method: 'get', path: '/platform/shops?limit=ten', status: 400, field: 'limit' },
  { name: 'bulk onboarding without a list', path: '/platform/shops/bulk', body: { shops: registration }, status: 400, field: 'shops' },
  { name: 'bulk onboarding of more than 5,000 shops', path: '/platform/shops/bulk', body: { shops: Array(5001).fill({}) }, status: 400, field: 'shops' },
];

/** Every bad input gets a 4xx that names the field, and changes nothing. */
export function describeBadInput(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`bad input on ${store}`, () => {
    let registry: RunningRegistry;

    beforeAll(async () => {
      registry = await start();
      await registry.http().post('/platform/shops').set('x-api-key', registry.key('demo-platform')).send(aRegistration('bad-input-shop')).expect(201);
    });
    afterAll(() => registry.close());

    it('covers at least 30 kinds of bad input', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30));

    it('reads full-width digits as the same phone, and folds a name written with Cyrillic look-alikes onto the Latin one', async () => {
      const shopId = 'understood-input-shop';
      const fullWidthPhone = '\uFF10\uFF19\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18';
      const lookAlikeName = 'Nguy\u0435n V\u0103n \u0410n';
      await registry
        .http()
        .post('/platform/shops')
        .set('x-api-key', registry.key('demo-platform'))
        .send({ ...registration, shopId, claims: [{ ...claim, subject: { fullName: lookAlikeName, nationalId: '001089012345', phone: fullWidthPhone } }] })
        .expect(201);
      const shop = await registry.http().get(`/platform/shops/${shopId}`).set('x-api-key', registry.key('demo-platform')).expect(200);
      expect(shop.body.claims[0].subject).toMatchObject({ phone: '+84912345678', fullName: { original: lookAlikeName, folded: 'nguyen van an' } });
    });

    it.each(BAD_INPUTS.map((input) => [input.name, input] as const))('refuses %s', async (_, input) => {
      const head = await registry.store.headPosition();
      let call = registry
        .http()
        [input.method ?? 'post'](input.path ?? '/platform/shops')
        .set('x-api-key', registry.key('demo-platform'));
      for (const [name, value] of Object.entries(input.headers ?? {})) call = call.set(name, value);
      const response = input.body === undefined ? await call : await call.send(input.body as object);

      expect(response.status).toBe(input.status);
      const named = [response.body.detail, ...(response.body.errors ?? []).map((p: { field: string }) => p.field)].join(' | ');
      expect(named).toContain(input.field);
      // An error body names the field and the rule, never the value: it could be someone's ID number.
      expect(JSON.stringify(response.body)).not.toMatch(/\d{9,}/);
      expect(await registry.store.headPosition()).toBe(head);
    });
  });
}
