import { RunningRegistry } from '../support/registry-app';
import { aRegistration } from './shops-api.suite';

export const aBankAttestation = (recordId: string) => ({
  kind: 'bank_account_holder',
  recordId,
  account: { bankCode: 'vcb', accountNumber: '0011 0044 55667' },
  holder: { fullName: 'Trần  Thị Bích', nationalId: '001189012345' },
  validFrom: '2024-03-01',
});

export const aPhoneAttestation = (recordId: string) => ({
  kind: 'phone_subscriber',
  recordId,
  phone: '0912 345 678',
  subscriber: { fullName: 'Lê Văn Cường', nationalId: '001089012345', dateOfBirth: '1989-04-12' },
  validFrom: '2019-05-14',
  validTo: '2025-12-31',
});

export const aPickupAttestation = (recordId: string) => ({
  kind: 'pickup_point',
  recordId,
  platformId: 'demo-platform',
  shopId: 'shop-889123',
  address: { fullName: 'Bưu cục Cầu Giấy', address: 'Số 5 ngõ 12, P.Dịch Vọng, Q.Cầu Giấy, Hà Nội' },
  contact: { fullName: 'Phạm Minh Đức', phone: '0987 654 321' },
  validFrom: '2026-07-01',
});

interface ShopRef {
  platformId: string;
  shopId: string;
}
const linkStreamOf = ({ a, b }: { a: ShopRef; b: ShopRef }) => `link-${a.platformId}:${a.shopId}|${b.platformId}:${b.shopId}`;

/** Partners attesting records, platforms and enforcement linking shops, over whichever store `start` runs on. */
export function describeAttestationsAndLinksApi(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`partner attestations and shop links API on ${store}`, () => {
    let registry: RunningRegistry;
    let n = 0;
    const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
    const as = (principalId: string) => ({
      post: (path: string) => registry.http().post(path).set('x-api-key', registry.key(principalId)),
    });
    const bank = () => as('demo-bank');
    const telecom = () => as('demo-telecom');
    const carrier = () => as('demo-carrier');
    const platform = () => as('demo-platform');
    const officer = () => as('demo-officer');
    const stream = (partnerId: string, recordId: string) => registry.store.readStream(`attestation-${partnerId}:${recordId}`);
    const registerShop = async (key = registry.key('demo-platform'), shopId = unique('shop')) => {
      await registry.http().post('/platform/shops').set('x-api-key', key).send(aRegistration(shopId)).expect(201);
      return shopId;
    };

    beforeAll(async () => {
      registry = await start();
    });
    afterAll(() => registry.close());

    describe('attestations', () => {
      it('records a bank’s account holder with the account normalised, the holder name folded and the bank as the principal', async () => {
        const recordId = unique('kyc');
        const response = await bank().post('/partner/attestations').set('x-correlation-id', 'kyc-sync-7').send(aBankAttestation(recordId)).expect(201);
        expect(response.headers.etag).toBe('"1"');
        expect(response.body).toEqual({ partnerId: 'demo-bank', recordId, version: 1, changed: true });

        const events = await stream('demo-bank', recordId);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'BankAccountHolderAttested', version: 1, metadata: { principal: 'demo-bank', correlationId: 'kyc-sync-7' } });
        expect(events[0].data).toEqual({
          recordId,
          partnerId: 'demo-bank',
          attestedBy: 'demo-bank',
          account: 'VCB:0011004455667',
          holder: { fullName: { original: 'Trần  Thị Bích', folded: 'tran thi bich' }, nationalId: '001189012345' },
          validFrom: '2024-03-01',
          validTo: null,
        });
      });

      it('answers the same attestation again, however the account is written, as unchanged and appends nothing', async () => {
        const recordId = unique('kyc');
        await bank().post('/partner/attestations').send(aBankAttestation(recordId)).expect(201);
        const head = await registry.store.headPosition();
        const again = await bank()
          .post('/partner/attestations')
          .send({ ...aBankAttestation(recordId), account: { bankCode: 'VCB', accountNumber: '0011004455667' } })
          .expect(201);
        expect(again.headers.etag).toBe('"1"');
        expect(again.body).toEqual({ partnerId: 'demo-bank', recordId, version: 1, changed: false });
        expect(await registry.store.headPosition()).toBe(head);
        expect(await stream('demo-bank', recordId)).toHaveLength(1);
      });

      it('records other facts on the same record as a new statement, keeping the first', async () => {
        const recordId = unique('kyc');
        await bank().post('/partner/attestations').send(aBankAttestation(recordId)).expect(201);
        const changed = await bank()
          .post('/partner/attestations')
          .send({ ...aBankAttestation(recordId), validTo: '2026-06-30' })
          .expect(201);
        expect(changed.headers.etag).toBe('"2"');
        expect(changed.body).toMatchObject({ version: 2, changed: true });
        const events = await stream('demo-bank', recordId);
        expect(events.map((e) => e.type)).toEqual(['BankAccountHolderAttested', 'BankAccountHolderAttested']);
        expect(events.map((e) => (e.data as { validTo: string | null }).validTo)).toEqual([null, '2026-06-30']);
      });

      it('records a telecom’s phone subscriber for a period, the number in E.164, and refuses one without a start date', async () => {
        const recordId = unique('sub');
        const response = await telecom().post('/partner/attestations').send(aPhoneAttestation(recordId)).expect(201);
        expect(response.body).toEqual({ partnerId: 'demo-telecom', recordId, version: 1, changed: true });
        const [event] = await stream('demo-telecom', recordId);
        expect(event).toMatchObject({ type: 'PhoneSubscriberAttested', metadata: { principal: 'demo-telecom' } });
        expect(event.data).toEqual({
          recordId,
          partnerId: 'demo-telecom',
          attestedBy: 'demo-telecom',
          phone: '+84912345678',
          subscriber: { fullName: { original: 'Lê Văn Cường', folded: 'le van cuong' }, nationalId: '001089012345', dateOfBirth: '1989-04-12' },
          validFrom: '2019-05-14',
          validTo: '2025-12-31',
        });

        const undated = unique('sub');
        const refused = await telecom()
          .post('/partner/attestations')
          .send({ ...aPhoneAttestation(undated), validFrom: undefined, validTo: undefined })
          .expect(400);
        expect(refused.body.detail).toMatch(/^validFrom: is required/);
        expect(await stream('demo-telecom', undated)).toEqual([]);
      });

      it('records a carrier’s pickup point for a shop, its address folded with abbreviations expanded', async () => {
        const recordId = unique('pp');
        const response = await carrier().post('/partner/attestations').send(aPickupAttestation(recordId)).expect(201);
        expect(response.headers.etag).toBe('"1"');
        expect(response.body).toEqual({ partnerId: 'demo-carrier', recordId, version: 1, changed: true });
        const [event] = await stream('demo-carrier', recordId);
        expect(event).toMatchObject({ type: 'PickupPointAttested', metadata: { principal: 'demo-carrier' } });
        expect(event.data).toMatchObject({
          recordId,
          partnerId: 'demo-carrier',
          platformId: 'demo-platform',
          shopId: 'shop-889123',
          address: {
            fullName: { original: 'Bưu cục Cầu Giấy', folded: 'buu cuc cau giay' },
            address: { original: 'Số 5 ngõ 12, P.Dịch Vọng, Q.Cầu Giấy, Hà Nội', folded: 'so 5 ngo 12 phuong dich vong quan cau giay ha noi' },
          },
          contact: { fullName: { original: 'Phạm Minh Đức', folded: 'pham minh duc' }, phone: '+84987654321' },
          validFrom: '2026-07-01',
          validTo: null,
        });
      });

      it.each([
        ['bank', 'demo-bank', aPhoneAttestation, 'a bank partner does not attest phone subscribers'],
        ['telecom', 'demo-telecom', aBankAttestation, 'a telecom partner does not attest bank account holders'],
        ['carrier', 'demo-carrier', aBankAttestation, 'a carrier partner does not attest bank account holders'],
        ['bank', 'demo-bank', aPickupAttestation, 'a bank partner does not attest pickup points'],
      ] as const)('refuses a %s attesting what its records cannot show (403), storing nothing', async (_, partnerId, attestation, message) => {
        const recordId = unique('wrong-kind');
        const head = await registry.store.headPosition();
        const response = await as(partnerId).post('/partner/attestations').send(attestation(recordId)).expect(403);
        expect(response.body).toMatchObject({ status: 403, detail: message });
        expect(await registry.store.headPosition()).toBe(head);
        expect(await stream(partnerId, recordId)).toEqual([]);
      });

      it('withdraws a record once, answers a second withdrawal as unchanged, and never reuses the record (409)', async () => {
        const recordId = unique('kyc');
        await bank().post('/partner/attestations').send(aBankAttestation(recordId)).expect(201);

        const withdrawn = await bank().post(`/partner/attestations/${recordId}/withdraw`).send({ reason: 'account closed' }).expect(200);
        expect(withdrawn.headers.etag).toBe('"2"');
        expect(withdrawn.body).toEqual({ partnerId: 'demo-bank', recordId, version: 2, changed: true });

        const again = await bank().post(`/partner/attestations/${recordId}/withdraw`).send({ reason: 'account closed' }).expect(200);
        expect(again.body).toEqual({ partnerId: 'demo-bank', recordId, version: 2, changed: false });

        const reused = await bank().post('/partner/attestations').send(aBankAttestation(recordId)).expect(409);
        expect(reused.body.detail).toBe(`record ${recordId} was withdrawn; attest under a new record id`);

        const events = await stream('demo-bank', recordId);
        expect(events.map((e) => e.type)).toEqual(['BankAccountHolderAttested', 'AttestationWithdrawn']);
        expect(events[1]).toMatchObject({ data: { reason: 'account closed', withdrawnBy: 'demo-bank' }, metadata: { principal: 'demo-bank' } });
      });

      it('finds no record to withdraw that the partner never attested, nor another partner’s (404)', async () => {
        const recordId = unique('kyc');
        await bank().post('/partner/attestations').send(aBankAttestation(recordId)).expect(201);
        await bank()
          .post(`/partner/attestations/${unique('never')}/withdraw`)
          .send({ reason: 'x' })
          .expect(404);
        await telecom().post(`/partner/attestations/${recordId}/withdraw`).send({ reason: 'x' }).expect(404);
        expect(await stream('demo-bank', recordId)).toHaveLength(1);
        expect(await stream('demo-telecom', recordId)).toEqual([]);
      });

      it.each([
        ['the phone number', 'demo-telecom', 'sub-0912345678', aPhoneAttestation],
        ['the account number', 'demo-bank', 'vcb-0011004455667', aBankAttestation],
        ['the holder’s national ID', 'demo-bank', 'kyc-001189012345', aBankAttestation],
      ] as const)('refuses a recordId containing %s (400 on recordId), since it would name a stream', async (_, partnerId, recordId, attestation) => {
        const head = await registry.store.headPosition();
        const response = await as(partnerId).post('/partner/attestations').send(attestation(recordId)).expect(400);
        expect(response.body.detail).toMatch(/^recordId: must not contain a phone, account or ID number/);
        expect(await registry.store.headPosition()).toBe(head);
        expect(await stream(partnerId, recordId)).toEqual([]);
      });

      it('attests records in bulk, each item validated and recorded on its own', async () => {
        const prefix = unique('bulk');
        const items: unknown[] = Array.from({ length: 300 }, (_, i) => ({
          ...aBankAttestation(`${prefix}-${i}`),
          account: { bankCode: 'VCB', accountNumber: String(7_000_000 + i) },
        }));
        items[3] = { ...(items[3] as object), account: { bankCode: 'VCB', accountNumber: '12ab' } };
        items[5] = { ...(items[5] as object), kind: 'horoscope' };
        items[8] = 'not an object';
        items[13] = { ...(items[13] as object), holder: { fullName: 'Trần Thị Bích', nickname: 'Bích' } };
        items[21] = { ...(items[21] as object), recordId: `kyc-${7_000_021}` };
        items[34] = aPhoneAttestation(`${prefix}-34`);
        items[55] = aPickupAttestation(`${prefix}-55`);
        items[299] = items[0];

        const response = await bank().post('/partner/attestations/bulk').send({ attestations: items }).expect(200);
        expect(response.body.counts).toEqual({ recorded: 292, unchanged: 1, invalid: 5, conflict: 0, forbidden: 2 });
        expect(response.body.results).toHaveLength(300);
        const results = response.body.results;
        expect(results[0]).toEqual({ index: 0, recordId: `${prefix}-0`, status: 'recorded', version: 1 });
        expect(results[3]).toMatchObject({ index: 3, recordId: `${prefix}-3`, status: 'invalid', problems: [{ field: 'attestations[3].account' }] });
        expect(results[5]).toMatchObject({ status: 'invalid', problems: [{ field: 'attestations[5].kind' }] });
        expect(results[8]).toMatchObject({ recordId: null, status: 'invalid', problems: [{ field: 'attestations[8]' }] });
        expect(results[13].problems.map((p: { field: string }) => p.field)).toContain('attestations[13].holder.nickname');
        expect(results[21]).toMatchObject({ recordId: 'kyc-7000021', status: 'invalid', problems: [{ field: 'attestations[21].recordId' }] });
        expect(results[34]).toMatchObject({ status: 'forbidden', message: 'a bank partner does not attest phone subscribers' });
        expect(results[55]).toMatchObject({ status: 'forbidden', message: 'a bank partner does not attest pickup points' });
        expect(results[299]).toEqual({ index: 299, recordId: `${prefix}-0`, status: 'unchanged', version: 1 });

        for (const i of [3, 5, 13, 34, 55]) expect(await stream('demo-bank', `${prefix}-${i}`)).toEqual([]);
        expect(await stream('demo-bank', 'kyc-7000021')).toEqual([]);
        const [stored] = await stream('demo-bank', `${prefix}-42`);
        expect(stored).toMatchObject({ type: 'BankAccountHolderAttested', data: { account: 'VCB:7000042' }, metadata: { principal: 'demo-bank' } });
      });

      it('replays the first answer to an attestation retried with the same Idempotency-Key, appending nothing, and refuses the key on another body (422)', async () => {
        const recordId = unique('kyc');
        const send = (body: object) => bank().post('/partner/attestations').set('Idempotency-Key', `attest-${recordId}`).send(body);
        const first = await send(aBankAttestation(recordId)).expect(201);
        const head = await registry.store.headPosition();

        const retry = await send(aBankAttestation(recordId)).expect(201);
        expect(retry.body).toEqual(first.body);
        expect(retry.body).toMatchObject({ version: 1, changed: true });
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.headers.etag).toBe('"1"');

        const other = await send({ ...aBankAttestation(recordId), validTo: '2026-06-30' }).expect(422);
        expect(other.body.detail).toMatch(/^idempotency-key: /);
        expect(await registry.store.headPosition()).toBe(head);
      });
    });

    describe('links', () => {
      let otherPlatformKey: string;
      beforeAll(async () => {
        otherPlatformKey = await registry.addPrincipal({ principalId: 'lazada-links', role: 'platform', name: 'Other platform', platformId: 'lazada-links' });
      });

      it('lets a platform link its shop to another platform’s shop it cannot see, telling nothing about that shop', async () => {
        const own = await registerShop();
        const existing = await registerShop(otherPlatformKey);
        const link = (shopId: string, other: ShopRef) =>
          platform().post('/platform/links').send({ shopId, other, evidence: 'Same payout account' }).expect(201);

        const toMissing = await link(own, { platformId: 'lazada-links', shopId: 'never-registered' });
        const toExisting = await link(own, { platformId: 'lazada-links', shopId: existing });
        for (const response of [toMissing, toExisting]) {
          // Express's weak hash of the body may be there; a version of the pair's stream never is.
          expect(response.headers.etag ?? '').not.toMatch(/^"\d+"$/);
          expect(Object.keys(response.body).sort()).toEqual(['a', 'b', 'changed']);
          expect(response.body.changed).toBe(true);
        }
        expect(toMissing.body).toEqual({
          a: { platformId: 'demo-platform', shopId: own },
          b: { platformId: 'lazada-links', shopId: 'never-registered' },
          changed: true,
        });

        const [event] = await registry.store.readStream(linkStreamOf(toMissing.body));
        expect(event).toMatchObject({
          type: 'ShopsLinked',
          data: { role: 'platform', platformId: 'demo-platform', linkedBy: 'demo-platform', evidence: 'Same payout account' },
          metadata: { principal: 'demo-platform' },
        });
      });

      it('finds no shop (404) when either shop on the platform’s own side does not exist, storing nothing', async () => {
        const own = await registerShop();
        const head = await registry.store.headPosition();
        const missingOther = await platform()
          .post('/platform/links')
          .send({ shopId: own, other: { platformId: 'demo-platform', shopId: 'no-such-shop' }, evidence: 'x' })
          .expect(404);
        expect(missingOther.body.detail).toMatch(/shop/);
        await platform()
          .post('/platform/links')
          .send({ shopId: 'no-such-shop', other: { platformId: 'lazada-links', shopId: 'anything' }, evidence: 'x' })
          .expect(404);
        expect(await registry.store.headPosition()).toBe(head);
      });

      it('answers the same link again as unchanged, and withdraws it with an unlink', async () => {
        const [one, two] = [await registerShop(), await registerShop()];
        const body = { shopId: one, other: { platformId: 'demo-platform', shopId: two }, evidence: 'Same pickup point' };
        const first = await platform().post('/platform/links').send(body).expect(201);
        const again = await platform().post('/platform/links').send(body).expect(201);
        expect(again.body).toEqual({ ...first.body, changed: false });

        const unlink = { shopId: two, other: { platformId: 'demo-platform', shopId: one }, reason: 'Two sellers sharing a warehouse' };
        expect((await platform().post('/platform/links/unlink').send(unlink).expect(200)).body).toMatchObject({ changed: true });
        expect((await platform().post('/platform/links/unlink').send(unlink).expect(200)).body).toMatchObject({ changed: false });

        const events = await registry.store.readStream(linkStreamOf(first.body));
        expect(events.map((e) => e.type)).toEqual(['ShopsLinked', 'ShopsUnlinked']);
        expect(events[1].data).toEqual({
          reason: 'Two sellers sharing a warehouse',
          unlinkedBy: 'demo-platform',
          role: 'platform',
          platformId: 'demo-platform',
        });
      });

      it('records enforcement’s link of two shops on different platforms with its case, which a platform cannot undo', async () => {
        const own = await registerShop();
        const foreign = await registerShop(otherPlatformKey);
        const pair = { a: { platformId: 'lazada-links', shopId: foreign }, b: { platformId: 'demo-platform', shopId: own } };
        const linked = await officer()
          .post('/enforcement/links')
          .send({ ...pair, evidence: 'Goods seized at one warehouse were listed by both shops', caseReference: 'QLTT-HN-2026-0117' })
          .expect(201);
        expect(linked.headers.etag).toBe('"1"');
        expect(linked.body).toEqual({ a: pair.b, b: pair.a, version: 1, changed: true });

        const unlinked = await platform()
          .post('/platform/links/unlink')
          .send({ shopId: own, other: pair.a, reason: 'We think they are different sellers' })
          .expect(200);
        expect(unlinked.body).toEqual({ a: pair.b, b: pair.a, changed: false });

        const events = await registry.store.readStream(linkStreamOf(linked.body));
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'ShopsLinked',
          data: { role: 'enforcement', caseReference: 'QLTT-HN-2026-0117', linkedBy: 'demo-officer' },
          metadata: { principal: 'demo-officer' },
        });
        const again = await officer()
          .post('/enforcement/links')
          .send({ ...pair, evidence: 'Goods seized at one warehouse were listed by both shops', caseReference: 'QLTT-HN-2026-0117' })
          .expect(201);
        expect(again.body).toMatchObject({ version: 1, changed: false });
      });

      it('lets no officer of another agency withdraw an agency’s link finding (403), and lets its own officers do it', async () => {
        const own = await registerShop();
        const foreign = await registerShop(otherPlatformKey);
        const pair = { a: { platformId: 'lazada-links', shopId: foreign }, b: { platformId: 'demo-platform', shopId: own } };
        await officer()
          .post('/enforcement/links')
          .send({ ...pair, evidence: 'One payee for both shops', caseReference: 'QLTT-HN-2026-0118' })
          .expect(201);
        const customsKey = await registry.addPrincipal({ principalId: `customs-${own}`, role: 'enforcement', name: 'Customs officer', agency: 'customs-hp' });
        const head = await registry.store.headPosition();
        const refused = await registry
          .http()
          .post('/enforcement/links/unlink')
          .set('x-api-key', customsKey)
          .send({ ...pair, reason: 'Not our finding to keep' })
          .expect(403);
        expect(refused.body.detail).toMatch(/found by agency demo-agency/);
        expect(await registry.store.headPosition()).toBe(head);
        const withdrawn = await officer()
          .post('/enforcement/links/unlink')
          .send({ ...pair, reason: 'Case closed: different sellers' })
          .expect(200);
        expect(withdrawn.body).toMatchObject({ changed: true });
      });

      it('finds no shop (404) when enforcement links a shop that does not exist, storing nothing', async () => {
        const own = await registerShop();
        const head = await registry.store.headPosition();
        const response = await officer()
          .post('/enforcement/links')
          .send({
            a: { platformId: 'demo-platform', shopId: own },
            b: { platformId: 'lazada-links', shopId: 'no-such-shop' },
            evidence: 'x',
            caseReference: 'QLTT-1',
          })
          .expect(404);
        expect(response.body.status).toBe(404);
        expect(await registry.store.headPosition()).toBe(head);
      });
    });
  });
}
