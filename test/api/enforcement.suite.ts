import { storedEventData } from '@registry/event-store';
import { IdentityGraphReader } from '@registry/resolution';
import { unpackAnswer } from '@registry/resolution/operator-view/answer.codec';
import { RunningRegistry, answeredOk } from '../support/registry-app';

/** A shop whose claims are given; a declared owner is verified on VNeID level 2 unless said otherwise. */
export const shop = (shopId: string, claims: object[]) => ({ shopId, displayName: `Shop ${shopId}`, category: 'cosmetics', claims });
export const owner = (claimId: string, fullName: string, nationalId: string, method = 'vneid_level_2') => ({
  claimId,
  role: 'declared_owner',
  subject: { fullName, nationalId },
  verification: { method, verifiedAt: '2026-07-02T09:00:00Z', reference: `kyc-${claimId}` },
});
export const payout = (claimId: string, accountNumber: string, holderName = 'Chủ tài khoản') => ({
  claimId,
  role: 'payout_account',
  subject: { fullName: holderName, bankAccount: { bankCode: 'vcb', accountNumber } },
});
export const contact = (claimId: string, phone: string, validFrom?: string) => ({
  claimId,
  role: 'contact',
  subject: { phone },
  ...(validFrom ? { validFrom } : {}),
});

export const CASE = { 'x-case-reference': 'QLTT-HN-2026-0117', 'x-purpose': 'counterfeit_goods' };

/** Enforcement's questions over the registration API's data: the scenarios of the resolution issue, on whichever store `start` runs. */
export function describeEnforcementApi(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`enforcement resolution API on ${store}`, () => {
    let registry: RunningRegistry;
    const platforms: Record<string, string> = {};
    let run = 0;

    beforeAll(async () => {
      registry = await start();
      for (const platformId of ['shopee', 'lazada', 'tiktok']) {
        platforms[platformId] = await registry.addPrincipal({ principalId: `${platformId}-api`, role: 'platform', name: platformId, platformId });
      }
    });
    afterAll(() => registry.close());

    /** Ids unique to each test, so that the scenarios never meet in the shared registry. */
    const ids = () => {
      run++;
      return (name: string) => `t${run}-${name}`;
    };
    const register = (platformId: string, body: object) =>
      registry.http().post('/platform/shops').set('x-api-key', platforms[platformId]).send(body).expect(201);
    const attest = (partner: string, body: object) =>
      registry.http().post('/partner/attestations').set('x-api-key', registry.key(partner)).send(body).expect(201);
    const officer = () => registry.key('demo-officer');
    const read = async (path: string) => {
      await registry.settle();
      return registry.http().get(path).set('x-api-key', officer()).set(CASE);
    };
    const operatorOf = async (platformId: string, shopId: string, asOf?: string) => {
      const response = await read(`/enforcement/shops/${platformId}/${shopId}/operator${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
      return answeredOk(registry, response).body;
    };
    const shopsOf = (answer: { operator: { shops: { shop: string }[] } }) => answer.operator.shops.map((s) => s.shop).sort();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

    it('one operator behind shops on three platforms under three nominees, paid into one account: one cluster, the account holder ranked first, every shop a suspected nominee', async () => {
      const id = ids();
      const account = `9${run}00112233`;
      await register('shopee', shop(id('s'), [owner('o', 'Nguyễn Văn An', '001089012301'), payout('p', account)]));
      await register('lazada', shop(id('l'), [owner('o', 'Lê Thị Bình', '001189012302'), payout('p', account)]));
      await register('tiktok', shop(id('t'), [owner('o', 'Phạm Văn Cường', '001089012303'), payout('p', account)]));
      await attest('demo-bank', {
        kind: 'bank_account_holder',
        recordId: id('acct'),
        account: { bankCode: 'vcb', accountNumber: account },
        holder: { fullName: 'Hoàng Văn Đức', nationalId: '001085099999' },
        validFrom: '2024-01-01',
      });

      const answer = await operatorOf('lazada', id('l'));
      expect(shopsOf(answer)).toEqual([`lazada:${id('l')}`, `shopee:${id('s')}`, `tiktok:${id('t')}`]);
      expect(answer.operator.operatorId).toBe(`op:shopee:${id('s')}`);
      const [top] = answer.operator.controllers;
      expect(top.person).toMatchObject({ nationalId: '001085099999', name: 'Hoàng Văn Đức' });
      expect(top.attested).toBe(true);
      expect(top.why[0].kind).toBe('payoutHolder');
      for (const member of answer.operator.shops) {
        expect(member.nomineeSuspected).not.toBeNull();
        expect(member.platformId).toBe(member.shop.split(':')[0]);
        expect(member.status).toBe('active');
      }
      expect(answer.operator.joins.length).toBe(2);
      expect(answer.asOf.position).toBeGreaterThan(0);
      expect(answer.auditId).toEqual(expect.any(String));
    });

    it('a common full name shared by unrelated sellers joins nothing; why names it as a lead only', async () => {
      const id = ids();
      await register('shopee', shop(id('a'), [owner('o', 'Nguyễn Thị Hoa', '001189000101')]));
      await register('lazada', shop(id('b'), [owner('o', 'Nguyễn Thị Hoa', '001189000102')]));
      const a = await operatorOf('shopee', id('a'));
      expect(shopsOf(a)).toEqual([`shopee:${id('a')}`]);
      const why = await read(`/enforcement/shops/shopee/${id('a')}/why/lazada/${id('b')}`);
      expect(why.status).toBe(200);
      expect(why.body.answer.joined).toBe(false);
      expect(why.body.answer.reasons).toEqual([
        expect.objectContaining({ kind: 'leadOnly', identifier: expect.objectContaining({ kind: 'personName', value: 'Nguyễn Thị Hoa' }) }),
      ]);
    });

    it('a fulfilment warehouse shared by 200 unrelated shops is a hub: reported, never joined through', async () => {
      const id = ids();
      const shops = Array.from({ length: 200 }, (_, i) =>
        shop(id(`w${i}`), [
          owner('o', `Người bán ${i}`, `0010890${String(10000 + i).slice(-5)}`),
          { claimId: 'wh', role: 'warehouse', subject: { address: 'Kho Long Biên, Hà Nội', phone: '0243 999 8888' } },
        ]),
      );
      await registry.http().post('/platform/shops/bulk').set('x-api-key', platforms.shopee).send({ shops }).expect(200);
      const answer = await operatorOf('shopee', id('w7'));
      expect(shopsOf(answer)).toEqual([`shopee:${id('w7')}`]);
      expect(answer.operator.hubs).toEqual([expect.objectContaining({ shopCount: 100, moreThan: true })]);
      expect(answer.operator.hubs[0].joinKey).toBe('phone:+842439998888');
      expect(answer.operator.leads).toEqual(
        expect.arrayContaining([expect.objectContaining({ shopCount: 100, moreThan: true, identifier: expect.objectContaining({ kind: 'address' }) })]),
      );
      const why = await read(`/enforcement/shops/shopee/${id('w7')}/why/shopee/${id('w8')}`);
      expect(why.body.answer.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'hub' })]));
    });

    it("a recycled phone number: two subscribers in sequence keep their shops apart; a claim standing across the change is either one's", async () => {
      const id = ids();
      const phone = `0912 55${run} 0${run}1`;
      await attest('demo-telecom', {
        kind: 'phone_subscriber',
        recordId: id('sim-a'),
        phone,
        subscriber: { fullName: 'Trần Văn Một', nationalId: '001080000001' },
        validFrom: '2019-01-01',
        validTo: '2022-12-31',
      });
      await attest('demo-telecom', {
        kind: 'phone_subscriber',
        recordId: id('sim-b'),
        phone,
        subscriber: { fullName: 'Đỗ Thị Hai', nationalId: '001180000002' },
        validFrom: '2023-03-01',
      });
      await register('shopee', shop(id('old'), [contact('c', phone, '2020-06-01')]));
      await register('lazada', shop(id('new'), [contact('c', phone, '2024-02-01')]));
      expect(shopsOf(await operatorOf('shopee', id('old')))).toEqual([`shopee:${id('old')}`]);
      const why = await read(`/enforcement/shops/shopee/${id('old')}/why/lazada/${id('new')}`);
      expect(why.body.answer.joined).toBe(false);
      const reason = why.body.answer.reasons.find((r: { kind: string }) => r.kind === 'differentSubscribers');
      // The old shop's claim still stands after the number passed on: it could be either subscriber's.
      const subscriberOf = (shop: string) => reason.subscribers.find((s: { shop: string }) => s.shop === shop).person?.nationalId ?? null;
      expect([subscriberOf(`shopee:${id('old')}`), subscriberOf(`lazada:${id('new')}`)]).toEqual([null, '001180000002']);
    });

    it('a rented identity fronting two unrelated operators does not fuse them, and is reported as a nominee', async () => {
      const id = ids();
      const rented = owner('o', 'Vũ Văn Thuê', '001075000777', 'document_check');
      await register('shopee', shop(id('x1'), [rented, payout('p', `71${run}00001`)]));
      await register('shopee', shop(id('x2'), [owner('o2', 'Chủ X', '001075000701'), payout('p', `71${run}00001`)]));
      await register('lazada', shop(id('y1'), [rented, payout('p', `72${run}00002`)]));
      const x = await operatorOf('shopee', id('x1'));
      expect(shopsOf(x)).toEqual([`shopee:${id('x1')}`, `shopee:${id('x2')}`]);
      expect(x.operator.nominees).toEqual([expect.objectContaining({ joinKey: 'nationalId:001075000777', moneyGroups: 2 })]);
      expect(shopsOf(await operatorOf('lazada', id('y1')))).toEqual([`lazada:${id('y1')}`]);
    });

    it('a retracted claim splits the cluster; asOf before the retraction still shows it joined, and says which position it reflects', async () => {
      const id = ids();
      const account = `55${run}0099`;
      await register('shopee', shop(id('a'), [payout('p', account)]));
      await register('tiktok', shop(id('b'), [payout('p', account)]));
      expect(shopsOf(await operatorOf('shopee', id('a')))).toHaveLength(2);
      await registry.settle();
      await tick();
      const joinedAt = new Date().toISOString();
      await tick();
      await registry
        .http()
        .post(`/platform/shops/${id('b')}/claims/p/retract`)
        .set('x-api-key', platforms.tiktok)
        .send({ reason: 'wrong account' })
        .expect(200);
      const now = await operatorOf('shopee', id('a'));
      expect(shopsOf(now)).toEqual([`shopee:${id('a')}`]);
      const before = await operatorOf('shopee', id('a'), joinedAt);
      expect(shopsOf(before)).toEqual([`shopee:${id('a')}`, `tiktok:${id('b')}`]);
      expect(before.asOf.position).toBeLessThan(now.asOf.position);
      expect(before.asOf.recordedBy).toBe(joinedAt);
    });

    it('asOf before a merge shows two operators, after it one; formation lists the merge', async () => {
      const id = ids();
      await register('shopee', shop(id('a'), [owner('o', 'Bùi Văn Gộp', '001088000555')]));
      await register('lazada', shop(id('b'), [contact('c', `0933 00${run} 111`)]));
      await registry.settle();
      await tick();
      const beforeMerge = new Date().toISOString();
      await tick();
      await registry
        .http()
        .post(`/platform/shops/${id('b')}/claims`)
        .set('x-api-key', platforms.lazada)
        .send(owner('o', 'Bùi Văn Gộp', '001088000555'))
        .expect(201);
      expect(shopsOf(await operatorOf('lazada', id('b'), beforeMerge))).toEqual([`lazada:${id('b')}`]);
      expect(shopsOf(await operatorOf('lazada', id('b')))).toEqual([`lazada:${id('b')}`, `shopee:${id('a')}`]);
      const formation = await read(`/enforcement/shops/lazada/${id('b')}/operator/formation`);
      expect(formation.body.merges).toEqual([expect.objectContaining({ basis: 'nationalId', joinKey: 'nationalId:001088000555' })]);
      const network = await read(`/enforcement/shops/lazada/${id('b')}/operator/network`);
      expect(network.body.nodes.map((n: { id: string }) => n.id)).toEqual(
        expect.arrayContaining([`lazada:${id('b')}`, `shopee:${id('a')}`, 'nationalId:001088000555']),
      );
      expect(network.body.edges.filter((e: { joins: boolean }) => e.joins)).toHaveLength(2);
    });

    it('shops by identifier: every shop across platforms tied to a phone, in a body so the number stays out of URLs', async () => {
      const id = ids();
      const phone = `0977 12${run} 456`;
      await register('shopee', shop(id('p1'), [contact('c', phone)]));
      await register('tiktok', shop(id('p2'), [contact('c', phone)]));
      await registry.settle();
      const response = await registry
        .http()
        .post('/enforcement/identifier-searches')
        .set('x-api-key', officer())
        .set(CASE)
        .send({ kind: 'phone', value: phone })
        .expect(200);
      expect(response.body.shops.map((s: { shop: string }) => s.shop).sort()).toEqual([`shopee:${id('p1')}`, `tiktok:${id('p2')}`]);
      expect(response.body.shops[0].roles).toEqual(['contact']);
      const bad = await registry
        .http()
        .post('/enforcement/identifier-searches')
        .set('x-api-key', officer())
        .set(CASE)
        .send({ kind: 'phone', value: '12' })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'value' })]);
    });

    it('every read is audited: refused without a case reference or purpose (nothing recorded), recorded with officer, case, query and whom it named', async () => {
      const id = ids();
      await register('shopee', shop(id('aud'), [owner('o', 'Ngô Văn Kiểm', '001082000321')]));
      await registry.settle();
      const head = await registry.store.headPosition();
      const noCase = await registry
        .http()
        .get(`/enforcement/shops/shopee/${id('aud')}/operator`)
        .set('x-api-key', officer())
        .set({ 'x-purpose': 'counterfeit_goods' })
        .expect(400);
      expect(noCase.body.errors).toEqual([expect.objectContaining({ field: 'X-Case-Reference' })]);
      const noPurpose = await registry
        .http()
        .get(`/enforcement/shops/shopee/${id('aud')}/operator`)
        .set('x-api-key', officer())
        .set({ 'x-case-reference': 'C-1' })
        .expect(400);
      expect(noPurpose.body.errors).toEqual([expect.objectContaining({ field: 'X-Purpose' })]);
      expect(await registry.store.headPosition()).toBe(head);

      const answer = await operatorOf('shopee', id('aud'));
      await registry.settle();
      const admin = registry.http().post('/admin/enforcement-audit/search').set('x-api-key', registry.key('bootstrap-admin'));
      const byShop = await admin.send({ shop: `shopee:${id('aud')}` }).expect(200);
      expect(byShop.body.records).toEqual([
        expect.objectContaining({
          auditId: answer.auditId,
          officer: 'demo-officer',
          agency: 'demo-agency',
          caseReference: CASE['x-case-reference'],
          purpose: CASE['x-purpose'],
          query: { name: 'operatorOfShop', params: { shop: `shopee:${id('aud')}`, asOf: null } },
          shops: [`shopee:${id('aud')}`],
        }),
      ]);
      expect(JSON.stringify(byShop.body)).not.toContain('001082000321');
      const byPerson = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ subject: { kind: 'nationalId', value: '001082000321' } })
        .expect(200);
      expect(byPerson.body.records.map((r: { auditId: string }) => r.auditId)).toEqual([answer.auditId]);
      await registry
        .http()
        .get(`/enforcement/shops/shopee/missing-${id('aud')}/operator`)
        .set('x-api-key', officer())
        .set(CASE)
        .expect(404);
      await registry.settle();
      const missing = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ caseReference: CASE['x-case-reference'], after: answer.asOf.position })
        .expect(200);
      expect(missing.body.records.at(-1)).toMatchObject({ outcome: 'not_found', query: { params: { shop: `shopee:missing-${id('aud')}` } } });
      const byCase = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ caseReference: CASE['x-case-reference'], officer: 'demo-officer' })
        .expect(200);
      expect(byCase.body.records.length).toBeGreaterThan(1);
    });

    it('the network exported as GraphML and GEXF and the operator as CSV are files to save, each recorded in the audit trail with its format', async () => {
      const id = ids();
      const account = `7${run}00445566`;
      await register('shopee', shop(id('x1'), [owner('o', 'Vũ Văn Xuất', '001089055501'), payout('p', account)]));
      await register('lazada', shop(id('x2'), [owner('o', '=HYPERLINK("x")', '001189055502'), payout('p', account)]));
      await registry.settle();
      const network = `/enforcement/shops/shopee/${id('x1')}/operator/network`;

      const graphml = await registry.http().get(`${network}?format=graphml`).set('x-api-key', officer()).set(CASE).expect(200);
      expect(graphml.headers['content-type']).toBe('application/graphml+xml; charset=utf-8');
      expect(graphml.headers['content-disposition']).toBe(`attachment; filename="op_shopee_${id('x1')}.graphml"`);
      expect(graphml.text).toContain(`<node id="lazada:${id('x2')}">`);
      expect(graphml.text).toContain(`<node id="bankAccount:VCB:${account}">`);
      const drawn = await read(network);
      expect(graphml.text.match(/<node /g)?.length).toBe(drawn.body.nodes.length);
      expect(graphml.text.match(/<edge /g)?.length).toBe(drawn.body.edges.length);
      const gexf = await registry.http().get(`${network}?format=gexf`).set('x-api-key', officer()).set(CASE).expect(200);
      expect(gexf.text).toContain('<gexf xmlns="http://gexf.net/1.3" version="1.3">');
      expect(gexf.text).toContain(`<node id="shopee:${id('x1')}" label="shopee:${id('x1')}">`);
      const csv = await registry
        .http()
        .get(`/enforcement/shops/shopee/${id('x1')}/operator?format=csv`)
        .set('x-api-key', officer())
        .set(CASE)
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = csv.text.trim().split('\r\n');
      expect(rows[0].split(',').slice(0, 3)).toEqual(['operator_id', 'platform_id', 'shop']);
      expect(
        rows
          .slice(1)
          .map((row) => row.split(',')[2])
          .sort(),
      ).toEqual([`lazada:${id('x2')}`, `shopee:${id('x1')}`]);
      // A declared name a spreadsheet would run as a formula is written as text.
      expect(csv.text).toContain(`"'=HYPERLINK(""x"") 001189055502"`);

      await registry.settle();
      const audit = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ shop: `lazada:${id('x2')}` })
        .expect(200);
      expect(
        audit.body.records.map((r: { auditId: string; query: { name: string; params: { format?: string } } }) => [
          r.auditId,
          r.query.name,
          r.query.params.format,
        ]),
      ).toEqual([
        [graphml.headers['x-audit-id'], 'operatorNetwork', 'graphml'],
        [drawn.body.auditId, 'operatorNetwork', undefined],
        [gexf.headers['x-audit-id'], 'operatorNetwork', 'gexf'],
        [csv.headers['x-audit-id'], 'operatorOfShop', 'csv'],
      ]);
      const refused = await registry.http().get(`${network}?format=pdf`).set('x-api-key', officer()).set(CASE).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    });

    it('takes the purpose as a code from the documented list, and keeps the free-text note encrypted: never in clear in the events or the audit table', async () => {
      const id = ids();
      await register('shopee', shop(id('pn'), [owner('o', 'Phan Văn Mục', '001082000777')]));
      await registry.settle();
      const path = `/enforcement/shops/shopee/${id('pn')}/operator`;
      const freeText = await registry
        .http()
        .get(path)
        .set('x-api-key', officer())
        .set({ ...CASE, 'x-purpose': 'Counterfeit cosmetics investigation' })
        .expect(400);
      expect(freeText.body.errors).toEqual([expect.objectContaining({ field: 'X-Purpose', message: expect.stringContaining('counterfeit_goods') })]);
      const note = `Buyer complaint, called 0913 57${String(run).padStart(2, '0')} 246 about fake serum`;
      const answer = await registry
        .http()
        .get(path)
        .set('x-api-key', officer())
        .set({ ...CASE, 'x-purpose': 'consumer_complaint', 'x-purpose-note': encodeURIComponent(`${note} (Hà Nội)`) })
        .expect(200);
      await registry.settle();
      const stored = await registry.db.reader.rows<{ data: unknown }>('SELECT data FROM events WHERE stream = $1', [`audit-${answer.body.auditId}`]);
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored.map((row) => storedEventData(row.data)))).not.toContain('0913');
      const table = await registry.db.reader.rows('SELECT * FROM enforcement_audit WHERE audit_id = $1', [answer.body.auditId]);
      expect(table).toHaveLength(1);
      expect(JSON.stringify(table)).not.toContain('0913');
      const admin = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ shop: `shopee:${id('pn')}` })
        .expect(200);
      expect(admin.body.records).toEqual([
        expect.objectContaining({ auditId: answer.body.auditId, purpose: 'consumer_complaint', purposeNote: `${note} (Hà Nội)` }),
      ]);
    });

    it('never answers an enforcement read from the Idempotency-Key cache: each answer has its own audit record naming its own case', async () => {
      const id = ids();
      const phone = `0966 ${String(run).padStart(3, '0')} 131`;
      await register('shopee', shop(id('k'), [contact('c', phone)]));
      await registry.settle();
      const search = () =>
        registry
          .http()
          .post('/enforcement/identifier-searches')
          .set('x-api-key', officer())
          .set('Idempotency-Key', `search-${id('k')}`);
      const first = await search().set(CASE).send({ kind: 'phone', value: phone }).expect(200);
      const bare = await search().send({ kind: 'phone', value: phone }).expect(400);
      expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'X-Case-Reference' })]);
      expect(bare.body.shops).toBeUndefined();
      const otherCase = { ...CASE, 'x-case-reference': `OTHER-${id('k')}` };
      const second = await search().set(otherCase).send({ kind: 'phone', value: phone }).expect(200);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body.auditId).not.toBe(first.body.auditId);
      await registry.settle();
      const byCase = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ caseReference: otherCase['x-case-reference'] })
        .expect(200);
      expect(byCase.body.records).toEqual([
        expect.objectContaining({ auditId: second.body.auditId, caseReference: otherCase['x-case-reference'], shops: [`shopee:${id('k')}`] }),
      ]);
    });

    it('an erased person no longer joins anything, the operator view kept equals it rebuilt, and a rebuild of the identity graph reproduces the same facts', async () => {
      const id = ids();
      await register('shopee', shop(id('e1'), [owner('o', 'Cao Văn Xoá', '001070000444')]));
      await register('lazada', shop(id('e2'), [owner('o', 'Cao Văn Xoá', '001070000444')]));
      expect(shopsOf(await operatorOf('shopee', id('e1')))).toHaveLength(2);
      await registry
        .http()
        .post('/admin/erasures')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ identifier: { kind: 'nationalId', value: '001070000444' }, legalGround: 'data_subject_request', reference: `PDP-${id('x')}` })
        .expect(200);
      const after = await operatorOf('shopee', id('e1'));
      expect(shopsOf(after)).toEqual([`shopee:${id('e1')}`]);
      expect(JSON.stringify(after)).not.toContain('001070000444');

      // The operator view resolved again only what the erasure touched: it is the view built from scratch.
      await registry.settle();
      const view = async () => ({
        operators: (
          await registry.db.reader.rows<{ operator_id: string; answer: Buffer; source_positions: string }>(
            'SELECT operator_id, answer, source_positions FROM operator_view_operators ORDER BY operator_id',
          )
        ).map((o) => ({ ...o, answer: { ...(unpackAnswer(o.answer) as object), asOf: null } })),
        shops: await registry.db.reader.rows('SELECT shop, operator_id FROM operator_view_shops ORDER BY shop'),
      });
      const kept = await view();
      // What the erasure took out of the graph was recorded for the view only until it moved past it.
      expect(await registry.db.reader.rows('SELECT position FROM resolution_erasures')).toEqual([]);
      expect(kept.shops).toContainEqual({ shop: `shopee:${id('e1')}`, operator_id: expect.any(String) });
      await registry.http().post('/admin/projections/operator-view/rebuild').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
      await registry.settle();
      expect(await view()).toEqual(kept);

      const facts = () =>
        registry.db.reader.rows(
          `SELECT f.fact_id, s.name AS source, f.kind, f.shop, f.shop_b, k1.name AS key1, k2.name AS key2, f.added_at, f.removed_at, f.valid_from, f.valid_to
             FROM resolution_facts f JOIN resolution_names s ON s.id = f.source
             LEFT JOIN resolution_names k1 ON k1.id = f.key1 LEFT JOIN resolution_names k2 ON k2.id = f.key2
            ORDER BY s.name, f.added_at, k1.name`,
        );
      const before = await facts();
      await registry.http().post('/admin/projections/identity-graph/rebuild').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
      await registry.settle();
      expect(await facts()).toEqual(before);
    });

    it('flags a shop for a case; the flag shows in the shop history with its provenance', async () => {
      const id = ids();
      await register('shopee', shop(id('f'), [owner('o', 'Đinh Văn Cờ', '001082000999')]));
      await registry
        .http()
        .post(`/enforcement/shops/shopee/${id('f')}/flags`)
        .set('x-api-key', officer())
        .send({ category: 'counterfeit', caseReference: 'C-9', note: 'Test purchase' })
        .expect(201);
      await registry
        .http()
        .post(`/enforcement/shops/shopee/nope-${id('f')}/flags`)
        .set('x-api-key', officer())
        .send({ category: 'counterfeit', caseReference: 'C-9', note: 'Test purchase' })
        .expect(404);
      const history = await read(`/enforcement/shops/shopee/${id('f')}/history`);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ShopRegistered', 'ClaimAdded', 'ShopFlagged']);
      expect(history.body.events[2]).toMatchObject({ provenance: { principal: 'demo-officer' }, data: { category: 'counterfeit', note: 'Test purchase' } });
    });

    it("answers at 'now' from the operator view exactly what a walk of the graph answers at the view's point, for every operator of the scenarios", async () => {
      await registry.settle();
      const reader = registry.app.get(IdentityGraphReader);
      const [graph] = await registry.db.reader.rows<{ position: number | string }>("SELECT position FROM projection_checkpoints WHERE name = 'identity-graph'");
      // One shop of each operator: the view holds one answer for all of its shops.
      const shops = await registry.db.reader.rows<{ shop: string }>('SELECT MIN(shop) AS shop FROM operator_view_shops GROUP BY operator_id ORDER BY 1');
      expect(shops.length).toBeGreaterThan(20);
      const compare = async (shop: string) => {
        const viewed = await reader.operatorOf(shop);
        expect(viewed.point.position).toBe(Number(graph.position));
        expect({ shop, ...viewed }).toEqual({ shop, ...(await reader.walkedOperatorOf(shop, viewed.point)) });
      };
      for (let i = 0; i < shops.length; i += 8) await Promise.all(shops.slice(i, i + 8).map(({ shop }) => compare(shop)));
    }, 180_000);
  });
}
