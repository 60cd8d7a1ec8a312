import { RunningRegistry } from '../support/registry-app';

export const aRegistration = (shopId: string) => ({
  shopId,
  displayName: 'Mỹ phẩm chính hãng Hà Nội',
  url: 'https://shop.example.vn/mp-hn',
  category: 'cosmetics',
  claims: [
    {
      claimId: 'owner',
      role: 'declared_owner',
      subject: { fullName: 'Nguyễn Văn An', nationalId: '001089012345', dateOfBirth: '1989-04-12', phone: '0912 345 678' },
      verification: { method: 'vneid_level_2', verifiedAt: '2026-07-02T09:00:00Z', reference: 'vneid-7781' },
      validFrom: '2026-07-01',
    },
    {
      claimId: 'payout',
      role: 'payout_account',
      subject: { fullName: 'Trần Thị Bích', bankAccount: { bankCode: 'vcb', accountNumber: '0011 0044 55667' } },
    },
    {
      claimId: 'pickup',
      role: 'pickup_point',
      subject: { address: '12 P.Bến Nghé, Q.1, TP.HCM', phone: '01623456789' },
    },
  ],
});

/** The platform write and read API, over whichever store `start` runs on. */
export function describeShopsApi(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`platform shops API on ${store}`, () => {
    let registry: RunningRegistry;
    let platformKey: string;
    let n = 0;
    const newShopId = () => `shop-${Date.now().toString(36)}-${++n}`;
    const as = (key: string) => ({
      get: (path: string) => registry.http().get(path).set('x-api-key', key),
      post: (path: string) => registry.http().post(path).set('x-api-key', key),
      patch: (path: string) => registry.http().patch(path).set('x-api-key', key),
    });
    const platform = () => as(platformKey);
    const register = async (shopId = newShopId()) => {
      await platform().post('/platform/shops').send(aRegistration(shopId)).expect(201);
      return shopId;
    };

    beforeAll(async () => {
      registry = await start();
      platformKey = registry.key('demo-platform');
    });
    afterAll(() => registry.close());

    it('registers a shop with three claims and answers with its version as ETag', async () => {
      const shopId = newShopId();
      const response = await platform().post('/platform/shops').send(aRegistration(shopId)).expect(201);
      expect(response.headers.etag).toBe('"4"');
      expect(response.body).toEqual({
        platformId: 'demo-platform',
        shopId,
        version: 4,
        changed: true,
        claimIds: ['owner', 'payout', 'pickup'],
      });
    });

    it('shows the shop with every identifier normalised and the original names kept', async () => {
      const shopId = await register();
      const response = await platform().get(`/platform/shops/${shopId}`).expect(200);
      expect(response.headers.etag).toBe('"4"');
      expect(response.body).toMatchObject({ shopId, status: 'active', version: 4, profile: { displayName: 'Mỹ phẩm chính hãng Hà Nội' } });
      const claims = Object.fromEntries(response.body.claims.map((c: { claimId: string }) => [c.claimId, c]));
      expect(claims.owner).toMatchObject({
        role: 'declared_owner',
        status: 'asserted',
        assertedBy: 'demo-platform',
        subject: { nationalId: '001089012345', phone: '+84912345678', fullName: { original: 'Nguyễn Văn An', folded: 'nguyen van an' } },
        verification: { method: 'vneid_level_2', verifiedAt: '2026-07-02T09:00:00.000Z', reference: 'vneid-7781' },
        validFrom: '2026-07-01',
        validTo: null,
      });
      expect(claims.payout.subject.bankAccount).toBe('VCB:0011004455667');
      expect(claims.pickup.subject).toMatchObject({ phone: '+84323456789', address: { folded: '12 phuong ben nghe quan 1 thanh pho hcm' } });
    });

    it('gives the history of a shop with who caused each event', async () => {
      const shopId = await register();
      const response = await platform().get(`/platform/shops/${shopId}/history`).set('x-correlation-id', 'ignored-on-reads').expect(200);
      expect(response.body.events.map((e: { type: string }) => e.type)).toEqual(['ShopRegistered', 'ClaimAdded', 'ClaimAdded', 'ClaimAdded']);
      expect(response.body.events[0]).toMatchObject({ version: 1, principal: 'demo-platform' });
    });

    it('records the correlation id the caller sends', async () => {
      const shopId = newShopId();
      await platform().post('/platform/shops').set('x-correlation-id', 'onboarding-run-42').send(aRegistration(shopId)).expect(201);
      const [first] = await registry.store.readStream(`shop-demo-platform:${shopId}`);
      expect(first.metadata).toMatchObject({ correlationId: 'onboarding-run-42', principal: 'demo-platform' });
    });

    it('answers the same registration again as unchanged, and another one under the same id with 409', async () => {
      const shopId = await register();
      const again = await platform().post('/platform/shops').send(aRegistration(shopId)).expect(201);
      expect(again.body).toMatchObject({ version: 4, changed: false });
      await platform()
        .post('/platform/shops')
        .send({ ...aRegistration(shopId), displayName: 'Another shop' })
        .expect(409);
    });

    it('changes the profile with If-Match, and refuses a stale one with 412 changing nothing', async () => {
      const shopId = await register();
      const changed = await platform().patch(`/platform/shops/${shopId}`).set('If-Match', '"4"').send({ category: 'fashion' }).expect(200);
      expect(changed.headers.etag).toBe('"5"');
      await platform().patch(`/platform/shops/${shopId}`).set('If-Match', '"4"').send({ category: 'toys' }).expect(412);
      const shop = await platform().get(`/platform/shops/${shopId}`).expect(200);
      expect(shop.body.profile.category).toBe('fashion');
      expect(shop.body.version).toBe(5);
    });

    it('suspends, reinstates and closes a shop, and takes no claim once it is closed', async () => {
      const shopId = await register();
      await platform().post(`/platform/shops/${shopId}/suspend`).send({ reason: 'KYC document expired' }).expect(200);
      expect((await platform().get(`/platform/shops/${shopId}`)).body.status).toBe('suspended');
      await platform().post(`/platform/shops/${shopId}/reinstate`).send({ reason: 'KYC renewed' }).expect(200);
      await platform().post(`/platform/shops/${shopId}/close`).send({ reason: 'seller left' }).expect(200);
      expect((await platform().get(`/platform/shops/${shopId}`)).body.status).toBe('closed');
      const refused = await platform()
        .post(`/platform/shops/${shopId}/claims`)
        .send({ role: 'contact', subject: { email: 'an@example.vn' } })
        .expect(409);
      expect(refused.body.detail).toMatch(/closed/);
    });

    it('adds, verifies, disputes and retracts claims, keeping every step', async () => {
      const shopId = await register();
      const added = await platform()
        .post(`/platform/shops/${shopId}/claims`)
        .send({ claimId: 'contact-1', role: 'contact', subject: { email: 'An.Nguyen@Example.VN' } })
        .expect(201);
      expect(added.body).toMatchObject({ claimId: 'contact-1', version: 5 });
      await platform().post(`/platform/shops/${shopId}/claims/payout/verify`).send({ method: 'bank_confirmation', reference: 'napas-9' }).expect(200);
      await platform().post(`/platform/shops/${shopId}/claims/contact-1/dispute`).send({ reason: 'bounced' }).expect(200);
      await platform().post(`/platform/shops/${shopId}/claims/contact-1/retract`).send({ reason: 'wrong address' }).expect(200);
      await platform().post(`/platform/shops/${shopId}/claims/nope/retract`).send({ reason: 'x' }).expect(404);
      const claims = (await platform().get(`/platform/shops/${shopId}`)).body.claims;
      expect(claims.find((c: { claimId: string }) => c.claimId === 'contact-1')).toMatchObject({
        status: 'retracted',
        subject: { email: 'an.nguyen@example.vn' },
      });
      expect(claims.find((c: { claimId: string }) => c.claimId === 'payout')).toMatchObject({
        status: 'verified',
        verification: { method: 'bank_confirmation' },
      });
      const history = await platform().get(`/platform/shops/${shopId}/history`).expect(200);
      expect(history.body.events.slice(4).map((e: { type: string }) => e.type)).toEqual(['ClaimAdded', 'ClaimVerified', 'ClaimDisputed', 'ClaimRetracted']);
    });

    it('replays the first response for a retried Idempotency-Key and appends nothing', async () => {
      const shopId = newShopId();
      const first = await platform().post('/platform/shops').set('Idempotency-Key', `key-${shopId}`).send(aRegistration(shopId)).expect(201);
      const head = await registry.store.headPosition();
      const retry = await platform().post('/platform/shops').set('Idempotency-Key', `key-${shopId}`).send(aRegistration(shopId)).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(await registry.store.headPosition()).toBe(head);
    });

    it('ignores an Idempotency-Key on a read: a GET under a key leaves the key free for the write that uses it next', async () => {
      const shopId = await register();
      const key = `read-then-write-${shopId}`;
      const read = await platform().get(`/platform/shops/${shopId}`).set('Idempotency-Key', key).expect(200);
      expect(read.headers['idempotent-replayed']).toBeUndefined();
      const other = newShopId();
      const write = await platform().post('/platform/shops').set('Idempotency-Key', key).send(aRegistration(other)).expect(201);
      expect(write.body.shopId).toBe(other);
      const replay = await platform().post('/platform/shops').set('Idempotency-Key', key).send(aRegistration(other)).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });

    it('replays a profile change (PATCH) retried under one Idempotency-Key, where a new change would fail its If-Match', async () => {
      const shopId = await register();
      const change = () =>
        platform().patch(`/platform/shops/${shopId}`).set('If-Match', '"4"').set('Idempotency-Key', `patch-${shopId}`).send({ category: 'books' });
      const first = await change().expect(200);
      const retry = await change().expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    });

    it('refuses an Idempotency-Key reused with a different body (422), appending nothing', async () => {
      const shopId = newShopId();
      await platform().post('/platform/shops').set('Idempotency-Key', `reuse-${shopId}`).send(aRegistration(shopId)).expect(201);
      const head = await registry.store.headPosition();
      const response = await platform().post('/platform/shops').set('Idempotency-Key', `reuse-${shopId}`).send(aRegistration(newShopId())).expect(422);
      expect(response.body.detail).toMatch(/idempotency-key/);
      expect(await registry.store.headPosition()).toBe(head);
    });

    it('stores two racing copies of one keyed request once: the second gets the stored answer or 409 while the first is under way', async () => {
      const shopId = newShopId();
      const send = () => platform().post('/platform/shops').set('Idempotency-Key', `race-${shopId}`).send(aRegistration(shopId));
      const answers = await Promise.all([send(), send()]);
      expect(answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      for (const answer of answers) expect([201, 409]).toContain(answer.status);
      expect(await registry.store.readStream(`shop-demo-platform:${shopId}`)).toHaveLength(4);
    });

    it('takes an Idempotency-Key before the write: of five different shops sent at once under one key, one is stored and the four others get 422', async () => {
      const shopIds = Array.from({ length: 5 }, () => newShopId());
      const key = `five-${shopIds[0]}`;
      const answers = await Promise.all(shopIds.map((shopId) => platform().post('/platform/shops').set('Idempotency-Key', key).send(aRegistration(shopId))));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422, 422]);
      for (const [i, answer] of answers.entries()) {
        const stored = await platform().get(`/platform/shops/${shopIds[i]}`);
        expect({ shop: i, status: stored.status }).toEqual({ shop: i, status: answer.status === 201 ? 200 : 404 });
      }
    });

    it('answers two concurrent add-claim requests under one key with one claim: never two 201s for one stored claim', async () => {
      const shopId = await register();
      const send = () =>
        platform()
          .post(`/platform/shops/${shopId}/claims`)
          .set('Idempotency-Key', `claim-${shopId}`)
          .send({ role: 'contact', subject: { email: 'an@example.vn' } });
      const answers = await Promise.all([send(), send()]);
      const fresh = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
      expect(fresh).toHaveLength(1);
      const replayed = answers.filter((a) => a.headers['idempotent-replayed'] === 'true');
      for (const answer of replayed) expect(answer.body).toEqual(fresh[0].body);
      const claims = (await platform().get(`/platform/shops/${shopId}`).expect(200)).body.claims;
      expect(claims).toHaveLength(4);
    });

    it('gives the key back when the request fails, so that the corrected retry under it is stored', async () => {
      const shopId = newShopId();
      const key = `retry-${shopId}`;
      await platform()
        .post('/platform/shops')
        .set('Idempotency-Key', key)
        .send({ ...aRegistration(shopId), displayName: '' })
        .expect(400);
      await platform().post('/platform/shops').set('Idempotency-Key', key).send(aRegistration(shopId)).expect(201);
      await platform().get(`/platform/shops/${shopId}`).expect(200);
    });

    it('lists the platform’s own shops a page at a time', async () => {
      const ids = [await register(), await register(), await register()];
      await registry.settle();
      const page = await platform().get('/platform/shops?limit=2').expect(200);
      expect(page.body.shops).toHaveLength(2);
      expect(page.body.next).toBe(page.body.shops[1].shopId);
      const all: string[] = [];
      let after = '';
      for (;;) {
        const next = await platform()
          .get(`/platform/shops?limit=50${after ? `&after=${after}` : ''}`)
          .expect(200);
        all.push(...next.body.shops.map((s: { shopId: string }) => s.shopId));
        if (!next.body.next) break;
        after = next.body.next;
      }
      expect(all).toEqual(expect.arrayContaining(ids));
      expect(page.body.shops[0]).toMatchObject({ status: 'active', liveClaims: 3 });
    });

    it('hides another platform’s shops: 404 on read and write, absent from the list', async () => {
      const shopId = await register();
      const otherKey = await registry.addPrincipal({ principalId: `lazada-${n}`, role: 'platform', name: 'Other platform', platformId: `lazada-${n}` });
      const other = as(otherKey);
      await other.get(`/platform/shops/${shopId}`).expect(404);
      await other.get(`/platform/shops/${shopId}/history`).expect(404);
      await other.patch(`/platform/shops/${shopId}`).send({ category: 'x' }).expect(404);
      await other.post(`/platform/shops/${shopId}/suspend`).send({ reason: 'x' }).expect(404);
      await registry.settle();
      expect((await other.get('/platform/shops').expect(200)).body.shops).toEqual([]);
      // The same shop id registered by the other platform is another shop.
      await other.post('/platform/shops').send(aRegistration(shopId)).expect(201);
    });

    it('never writes an identifier it was sent to the log', () => {
      const logs = registry.logs.join('\n');
      expect(logs.length).toBeGreaterThan(0);
      for (const value of ['001089012345', '+84912345678', '0912 345 678', '0011004455667', 'Nguyễn Văn An', 'Trần Thị Bích', '+84323456789']) {
        expect({ value, logged: logs.includes(value) }).toEqual({ value, logged: false });
      }
    });

    it('onboards a seller base in bulk, each item validated and recorded on its own', async () => {
      const items = Array.from({ length: 300 }, (_, i) => aRegistration(`bulk-${n}-${i}`));
      items[7] = { ...items[7], claims: [{ ...items[7].claims[0], subject: { nationalId: '0010890123' } }] } as never;
      (items[9] as { displayName: unknown }).displayName = 42;
      items[11] = 'not an object' as never;
      const response = await platform().post('/platform/shops/bulk').send({ shops: items }).expect(200);
      expect(response.body.counts).toEqual({ registered: 297, unchanged: 0, invalid: 3, conflict: 0 });
      expect(response.body.results[7]).toMatchObject({ index: 7, status: 'invalid', problems: [{ field: 'shops[7].claims[0].subject.nationalId' }] });
      expect(response.body.results[9].problems[0].field).toBe('shops[9].displayName');
      expect(response.body.results[11]).toMatchObject({ status: 'invalid', problems: [{ field: 'shops[11]' }] });
      expect(response.body.results[0]).toMatchObject({ index: 0, shopId: `bulk-${n}-0`, status: 'registered', version: 4 });
      await platform().get(`/platform/shops/bulk-${n}-7`).expect(404);
      await platform().get(`/platform/shops/bulk-${n}-8`).expect(200);
      const again = await platform()
        .post('/platform/shops/bulk')
        .send({ shops: items.slice(0, 5) })
        .expect(200);
      expect(again.body.counts).toMatchObject({ unchanged: 5 });
    });
  });
}
