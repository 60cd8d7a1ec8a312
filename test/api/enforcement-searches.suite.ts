import { IdentityGraphReader } from '@registry/resolution';
import { RunningRegistry, answeredOk } from '../support/registry-app';
import { CASE, contact, owner, payout, shop } from './enforcement.suite';

/**
 * Enforcement's searches beyond one shop: the person pivot, the identifier search through attested
 * holders, and the batch read of many shops' operators; each audited as one read.
 */
export function describeEnforcementSearches(store: string, start: () => Promise<RunningRegistry>): void {
  describe(`enforcement searches on ${store}`, () => {
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

    const register = (platformId: string, body: object) =>
      registry.http().post('/platform/shops').set('x-api-key', platforms[platformId]).send(body).expect(201);
    const attest = (partner: string, body: object) =>
      registry.http().post('/partner/attestations').set('x-api-key', registry.key(partner)).send(body).expect(201);
    const officer = () => registry.key('demo-officer');
    const post = async (path: string, body: object, headers: Record<string, string> = CASE) => {
      await registry.settle();
      return registry.http().post(path).set('x-api-key', officer()).set(headers).send(body);
    };
    const answered = (response: Awaited<ReturnType<typeof post>>) => answeredOk(registry, response);
    const operatorOf = async (platformId: string, shopId: string, asOf: string) =>
      (
        await registry
          .http()
          .get(`/enforcement/shops/${platformId}/${shopId}/operator?asOf=${encodeURIComponent(asOf)}`)
          .set('x-api-key', officer())
          .set(CASE)
          .expect(200)
      ).body;
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
    /** The audit records written since `position`, oldest first. */
    const auditSince = async (position: number) => {
      await registry.settle();
      const found = await registry
        .http()
        .post('/admin/enforcement-audit/search')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ after: position })
        .expect(200);
      return found.body.records as {
        auditId: string;
        caseReference: string;
        purpose: string;
        officer: string;
        query: { name: string; params: Record<string, string | null> };
        shops: string[];
        persons: string[];
      }[];
    };

    /**
     * An operator (the person the bank pays, `boss`) runs two shops fronted by a rented identity and
     * by a relative, paid into one account the bank attests to the boss, with a contact phone the
     * telecom attests to the boss; the rented identity also fronts a shop of another operator, paid
     * to someone else; the boss declares one shop of their own as well.
     */
    async function market() {
      run++;
      const n = String(run).padStart(2, '0');
      const id = (name: string) => `s${run}-${name}`;
      const person = { boss: `0010850${n}001`, rented: `0011950${n}002`, relative: `0010900${n}003`, other: `0010800${n}004` };
      const account = { boss: `86${n}00111`, other: `87${n}00222` };
      const phone = `0913 4${n} 789`;
      await attest('demo-bank', {
        kind: 'bank_account_holder',
        recordId: id('acct-boss'),
        account: { bankCode: 'vcb', accountNumber: account.boss },
        holder: { fullName: 'Trịnh Văn Chủ', nationalId: person.boss },
        validFrom: '2024-01-01',
      });
      await attest('demo-bank', {
        kind: 'bank_account_holder',
        recordId: id('acct-other'),
        account: { bankCode: 'vcb', accountNumber: account.other },
        holder: { fullName: 'Lý Văn Khác', nationalId: person.other },
        validFrom: '2024-01-01',
      });
      await attest('demo-telecom', {
        kind: 'phone_subscriber',
        recordId: id('sim-boss'),
        phone,
        subscriber: { fullName: 'Trịnh Văn Chủ', nationalId: person.boss },
        validFrom: '2024-01-01',
      });
      await register('shopee', shop(id('fronted'), [owner('o', 'Mai Thị Thuê', person.rented, 'document_check'), payout('p', account.boss)]));
      await register(
        'lazada',
        shop(id('relative'), [owner('o', 'Trịnh Văn Họ', person.relative, 'nfc_chip'), payout('p', account.boss), contact('c', phone, '2024-06-01')]),
      );
      await register('tiktok', shop(id('own'), [owner('o', 'Trịnh Văn Chủ', person.boss)]));
      await register('tiktok', shop(id('elsewhere'), [owner('o', 'Mai Thị Thuê', person.rented, 'document_check'), payout('p', account.other)]));
      const shops = {
        fronted: `shopee:${id('fronted')}`,
        relative: `lazada:${id('relative')}`,
        own: `tiktok:${id('own')}`,
        elsewhere: `tiktok:${id('elsewhere')}`,
      };
      return { id, person, account, phone, shops };
    }

    type PersonAnswer = {
      operatorId: string;
      role: string;
      shops: { shop: string; ties: string[]; nomineeSuspected: boolean; status: string }[];
      evidence: { kind: string; shop: string }[];
    };
    const byOperator = (operators: PersonAnswer[]) => Object.fromEntries(operators.map((o) => [o.operatorId, o]));

    describe('the person pivot', () => {
      it('from the national ID of the person the bank pays: the operator they control, with the shops tied to them and the evidence', async () => {
        const { person, shops } = await market();
        const head = await registry.store.headPosition();
        const response = await post('/enforcement/person-searches', { kind: 'nationalId', value: person.boss }).then(answered);
        expect(response.body.person).toMatchObject({ nationalId: person.boss, name: 'Trịnh Văn Chủ' });
        expect(response.body.operators).toHaveLength(1);
        const [operator] = response.body.operators as PersonAnswer[];
        expect(operator).toMatchObject({ operatorId: `op:${shops.fronted}`, role: 'controller' });
        const ties = Object.fromEntries(operator.shops.map((s) => [s.shop, s.ties.sort()]));
        expect(ties).toEqual({ [shops.fronted]: ['attestedHolder'], [shops.relative]: ['attestedHolder', 'attestedSubscriber'], [shops.own]: ['stated'] });
        expect(operator.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['payoutHolder', 'phoneSubscriber', 'declaredOwner']));
        expect(response.body.point).toEqual(response.body.asOf);
        expect(response.body.point.position).toBeGreaterThan(0);

        const [record, ...more] = await auditSince(head);
        expect(more).toEqual([]);
        expect(record).toMatchObject({
          auditId: response.body.auditId,
          officer: 'demo-officer',
          caseReference: CASE['x-case-reference'],
          purpose: CASE['x-purpose'],
          query: { name: 'operatorsOfPerson' },
        });
        expect(record.shops.sort()).toEqual([shops.fronted, shops.relative, shops.own].sort());
        expect(JSON.stringify(record)).not.toContain(person.boss);
        const byPerson = await registry
          .http()
          .post('/admin/enforcement-audit/search')
          .set('x-api-key', registry.key('bootstrap-admin'))
          .send({ subject: { kind: 'nationalId', value: person.boss } })
          .expect(200);
        expect(byPerson.body.records.map((r: { auditId: string }) => r.auditId)).toContain(response.body.auditId);
      });

      it('from a rented national ID: a nominee in each operator it fronts, with who controls each shop instead', async () => {
        const { person, shops } = await market();
        const response = await post('/enforcement/person-searches', { kind: 'nationalId', value: person.rented }).then(answered);
        const operators = byOperator(response.body.operators);
        expect(Object.keys(operators).sort()).toEqual([`op:${shops.fronted}`, `op:${shops.elsewhere}`].sort());
        expect(operators[`op:${shops.fronted}`].role).toBe('nominee');
        expect(operators[`op:${shops.elsewhere}`].role).toBe('nominee');
        expect(operators[`op:${shops.fronted}`].evidence).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'nomineeSuspected', shop: shops.fronted, controlledBy: expect.objectContaining({ nationalId: person.boss }) }),
          ]),
        );
        expect(operators[`op:${shops.fronted}`].shops.find((s) => s.shop === shops.fronted)).toMatchObject({ nomineeSuspected: true, ties: ['stated'] });
      });

      it('from a bank account or a phone: the holder or subscriber attested on the date, and the operators of that person', async () => {
        const { person, account, phone, shops } = await market();
        const byAccount = await post('/enforcement/person-searches', { kind: 'bankAccount', value: { bankCode: 'VCB', accountNumber: account.boss } }).then(
          answered,
        );
        expect(byAccount.body.person).toMatchObject({ nationalId: person.boss });
        expect(byAccount.body.foundThrough).toEqual([
          expect.objectContaining({ assertedBy: 'demo-bank', identifier: { kind: 'bankAccount', value: `VCB:${account.boss}` } }),
        ]);
        expect(byAccount.body.operators.map((o: PersonAnswer) => [o.operatorId, o.role])).toEqual([[`op:${shops.fronted}`, 'controller']]);
        const byPhone = await post('/enforcement/person-searches', { kind: 'phone', value: phone }).then(answered);
        expect(byPhone.body.person).toMatchObject({ nationalId: person.boss });
        expect(byPhone.body.operators.map((o: PersonAnswer) => o.operatorId)).toEqual([`op:${shops.fronted}`]);
        const beforeTheSim = await post('/enforcement/person-searches', { kind: 'phone', value: phone, asOf: '2023-06-01T00:00:00Z' }).then(answered);
        expect(beforeTheSim.body).toMatchObject({ person: null, operators: [] });
      });

      it('a phone two subscribers are attested for on the same date names nobody, and shows both attestations', async () => {
        run++;
        const phone = `0914 5${String(run).padStart(2, '0')} 321`;
        await attest('demo-telecom', {
          kind: 'phone_subscriber',
          recordId: `sim-a-${run}`,
          phone,
          subscriber: { fullName: 'Hà Văn Một', nationalId: '001080000031' },
          validFrom: '2024-01-01',
        });
        await attest('demo-telecom', {
          kind: 'phone_subscriber',
          recordId: `sim-b-${run}`,
          phone,
          subscriber: { fullName: 'Hà Thị Hai', nationalId: '001180000032' },
          validFrom: '2025-01-01',
        });
        const response = await post('/enforcement/person-searches', { kind: 'phone', value: phone }).then(answered);
        expect(response.body).toMatchObject({ person: null, operators: [] });
        expect(response.body.foundThrough.map((a: { holder: { nationalId: string } }) => a.holder.nationalId).sort()).toEqual(['001080000031', '001180000032']);
      });

      it('an unknown person: 200 with no operators, and the read is audited all the same', async () => {
        run++;
        const head = await registry.store.headPosition();
        const response = await post('/enforcement/person-searches', { kind: 'nationalId', value: `0010700${String(run).padStart(2, '0')}999` }).then(answered);
        expect(response.body).toMatchObject({ operators: [], person: { nationalId: `0010700${String(run).padStart(2, '0')}999` } });
        const unattested = await post('/enforcement/person-searches', { kind: 'phone', value: '0988 000 111' }).then(answered);
        expect(unattested.body).toMatchObject({ operators: [], person: null });
        const records = await auditSince(head);
        expect(records.map((r) => [r.auditId, r.query.name, r.shops])).toEqual([
          [response.body.auditId, 'operatorsOfPerson', []],
          [unattested.body.auditId, 'operatorsOfPerson', []],
        ]);
        expect(records[1].query.params.key).toMatch(/^phone:[A-Za-z0-9_-]{43}$/);
      });

      it('refuses a kind it cannot pivot on, a value that does not parse, and a read without a case, naming the field; nothing is recorded', async () => {
        const head = await registry.store.headPosition();
        const email = await post('/enforcement/person-searches', { kind: 'email', value: 'a@b.vn' });
        expect([email.status, email.body.errors]).toEqual([400, [expect.objectContaining({ field: 'kind' })]]);
        const badId = await post('/enforcement/person-searches', { kind: 'nationalId', value: '12345' });
        expect([badId.status, badId.body.errors]).toEqual([400, [expect.objectContaining({ field: 'value' })]]);
        const badAsOf = await post('/enforcement/person-searches', { kind: 'nationalId', value: '001085000001', asOf: 'yesterday' });
        expect([badAsOf.status, badAsOf.body.errors]).toEqual([400, [expect.objectContaining({ field: 'asOf' })]]);
        const noCase = await post('/enforcement/person-searches', { kind: 'nationalId', value: '001085000001' }, { 'x-purpose': 'counterfeit_goods' });
        expect([noCase.status, noCase.body.errors]).toEqual([400, [expect.objectContaining({ field: 'X-Case-Reference' })]]);
        expect(await registry.store.headPosition()).toBe(head);
      });
    });

    describe('a personal tax code is the national ID it is', () => {
      /**
       * One person registers a shop on Shopee with her national ID and a shop on Lazada with the
       * same 12 digits as her tax code (her personal tax code since July 2025); each pays into an
       * account of her own, one attested to her ID number, the other to her tax code.
       */
      async function taxCodeMarket() {
        run++;
        const n = String(run).padStart(2, '0');
        const id = (name: string) => `s${run}-${name}`;
        const number = `0011910${n}555`;
        const accounts = [`88${n}00333`, `89${n}00444`];
        const holder = (recordId: string, accountNumber: string, person: object) =>
          attest('demo-bank', {
            kind: 'bank_account_holder',
            recordId: id(recordId),
            account: { bankCode: 'vcb', accountNumber },
            holder: { fullName: 'Đỗ Thị Thuế', ...person },
            validFrom: '2024-01-01',
          });
        await holder('acct-id', accounts[0], { nationalId: number });
        await holder('acct-tax', accounts[1], { taxCode: number });
        const declared = (subject: object) => ({
          claimId: 'o',
          role: 'declared_owner',
          subject: { fullName: 'Đỗ Thị Thuế', ...subject },
          verification: { method: 'vneid_level_2', verifiedAt: '2026-07-02T09:00:00Z', reference: 'kyc-o' },
        });
        await register('shopee', shop(id('by-id'), [declared({ nationalId: number }), payout('p', accounts[0])]));
        await register('lazada', shop(id('by-tax'), [declared({ taxCode: number }), payout('p', accounts[1])]));
        return { number, shops: [`shopee:${id('by-id')}`, `lazada:${id('by-tax')}`] };
      }

      it('joins the shop declaring it as a tax code with the shop declaring it as a national ID, in the operator view and in a walk', async () => {
        const { shops } = await taxCodeMarket();
        await registry.settle();
        const now = await registry
          .http()
          .get(`/enforcement/shops/${shops[1].replace(':', '/')}/operator`)
          .set('x-api-key', officer())
          .set(CASE)
          .expect(200);
        expect(now.body.operator.shops.map((s: { shop: string }) => s.shop).sort()).toEqual([...shops].sort());
        expect(now.body.operator.controllers[0].person).toMatchObject({ nationalId: expect.stringMatching(/^0011910/) });
        const walked = await operatorOf('shopee', shops[0].split(':')[1], new Date().toISOString());
        expect(walked.operator.shops.map((s: { shop: string }) => s.shop).sort()).toEqual([...shops].sort());
      });

      it('finds both shops by the number as a tax code or as a national ID, and pivots on it to one operator', async () => {
        const { number, shops } = await taxCodeMarket();
        for (const kind of ['taxCode', 'nationalId']) {
          const found = await post('/enforcement/identifier-searches', { kind, value: number }).then(answered);
          expect({ kind, shops: found.body.shops.map((s: { shop: string }) => s.shop).sort() }).toEqual({ kind, shops: [...shops].sort() });
          const pivot = await post('/enforcement/person-searches', { kind, value: number }).then(answered);
          expect({ kind, operators: pivot.body.operators.map((o: PersonAnswer) => o.shops.map((s) => s.shop).sort()) }).toEqual({
            kind,
            operators: [[...shops].sort()],
          });
        }
      });
    });

    describe('the identifier search through attested holders', () => {
      it('a national ID finds the shops paying into accounts the bank attests to the person and giving phones the telecom attests to them, each with how it was found', async () => {
        const { person, account, phone, shops } = await market();
        const response = await post('/enforcement/identifier-searches', { kind: 'nationalId', value: person.boss }).then(answered);
        const found = Object.fromEntries(response.body.shops.map((s: { shop: string; found: string[] }) => [s.shop, s.found.sort()]));
        expect(found).toEqual({ [shops.fronted]: ['attestedHolder'], [shops.relative]: ['attestedHolder', 'attestedSubscriber'], [shops.own]: ['stated'] });
        const relative = response.body.shops.find((s: { shop: string }) => s.shop === shops.relative);
        expect(relative.via).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ how: 'attestedHolder', role: 'payout_account', identifier: { kind: 'bankAccount', value: `VCB:${account.boss}` } }),
            expect.objectContaining({
              how: 'attestedSubscriber',
              role: 'contact',
              identifier: { kind: 'phone', value: `+84${phone.replace(/\s/g, '').slice(1)}` },
            }),
          ]),
        );
        expect(relative.roles.sort()).toEqual(['contact', 'payout_account']);
      });
    });

    describe('the batch read of operators', () => {
      it('answers each shop as GET …/operator does, in the order asked, a shop it does not know as notFound; audited as one read naming every shop', async () => {
        const { id, shops } = await market();
        const asked = [shops.relative, shops.elsewhere, `shopee:${id('missing')}`, shops.fronted].map((key) => ({
          platformId: key.split(':')[0],
          shopId: key.split(':')[1],
        }));
        await registry.settle();
        await tick();
        // At one point in time, so that the reads' own audit records do not move the answers apart.
        const asOf = new Date().toISOString();
        await tick();
        const head = await registry.store.headPosition();
        const response = await post('/enforcement/operator-searches', { shops: asked, asOf }).then(answered);
        const records = await auditSince(head);
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({
          auditId: response.body.auditId,
          caseReference: CASE['x-case-reference'],
          purpose: CASE['x-purpose'],
          query: { name: 'operatorsOfShops', params: { shopCount: '4', view: 'full', asOf } },
        });
        expect(records[0].shops.sort()).toEqual([...Object.values(shops), `shopee:${id('missing')}`].sort());

        expect(response.body.results.map((r: { platformId: string; shopId: string }) => `${r.platformId}:${r.shopId}`)).toEqual(
          asked.map((s) => `${s.platformId}:${s.shopId}`),
        );
        expect(response.body.results[2]).toEqual({ ...asked[2], operator: null, error: 'notFound' });
        for (const index of [0, 1, 3]) {
          const single = await operatorOf(asked[index].platformId, asked[index].shopId, asOf);
          expect(response.body.results[index].operator).toEqual(single.operator);
        }
        expect(response.body.results[0].operator.operatorId).toBe(`op:${shops.fronted}`);
        expect(response.body.results[1].operator.operatorId).toBe(`op:${shops.elsewhere}`);
      });

      it('reads shops of one operator asked together once: from the operator view at now, in one walk as of a time', async () => {
        const { shops } = await market();
        const reader = registry.app.get(IdentityGraphReader) as unknown as { resolveFrom: (...args: unknown[]) => unknown };
        const walks = jest.spyOn(reader, 'resolveFrom');
        try {
          const asked = [shops.fronted, shops.relative, shops.own].map((key) => ({ platformId: key.split(':')[0], shopId: key.split(':')[1] }));
          const operatorsOf = (response: { body: { results: { operator: { operatorId: string } }[] } }) =>
            new Set(response.body.results.map((r) => r.operator.operatorId));

          const now = await post('/enforcement/operator-searches', { shops: asked }).then(answered);
          expect(operatorsOf(now)).toEqual(new Set([`op:${shops.fronted}`]));
          expect(walks).toHaveBeenCalledTimes(0);

          const asOf = await post('/enforcement/operator-searches', { shops: asked, asOf: new Date().toISOString() }).then(answered);
          expect(operatorsOf(asOf)).toEqual(new Set([`op:${shops.fronted}`]));
          expect(walks).toHaveBeenCalledTimes(1);
          // The same answers but for the point they carry (the first read's audit record lies between).
          const withoutPoint = (response: { body: { results: { operator: { asOf: unknown } }[] } }) =>
            response.body.results.map(({ operator: { asOf: _, ...rest } }) => rest);
          expect(withoutPoint(asOf)).toEqual(withoutPoint(now));
        } finally {
          walks.mockRestore();
        }
      });

      it('?view=summary: operator id, its summary, shops with nominee flags, the top controller and through what, confidence; no evidence', async () => {
        const { person, shops } = await market();
        const asked = [shops.fronted].map((key) => ({ platformId: key.split(':')[0], shopId: key.split(':')[1] }));
        const response = await post('/enforcement/operator-searches?view=summary', { shops: asked }).then(answered);
        const { operator } = response.body.results[0];
        expect(Object.keys(operator).sort()).toEqual(['confidence', 'nominees', 'operatorId', 'shops', 'summary', 'topController']);
        expect(operator.summary).toMatchObject({ controller: { nationalId: person.boss }, text: expect.any(String) });
        expect(operator.topController).toMatchObject({
          person: { nationalId: person.boss },
          attested: true,
          through: expect.arrayContaining(['payoutHolder', 'phoneSubscriber']),
        });
        expect(operator.shops).toEqual(expect.arrayContaining([{ shop: shops.fronted, platformId: 'shopee', status: 'active', nomineeSuspected: true }]));
        expect(operator.confidence).toEqual({ level: expect.stringMatching(/^(high|medium|low)$/), value: expect.any(Number) });
      });

      it('refuses no shops, more than 1,000, a malformed shop and an unknown view, naming the field; nothing is recorded', async () => {
        const head = await registry.store.headPosition();
        const many = Array.from({ length: 1001 }, (_, i) => ({ platformId: 'shopee', shopId: `s${i}` }));
        const cases: [object, string, string][] = [
          [{ shops: [] }, '', 'shops'],
          [{ shops: many }, '', 'shops'],
          [
            {
              shops: [
                { platformId: 'shopee', shopId: 'ok' },
                { platformId: 'shopee', shopId: 'not/ok' },
              ],
            },
            '',
            'shops[1].shopId',
          ],
          [{ shops: [{ platformId: 'shopee', shopId: 'ok' }], asOf: 'soon' }, '', 'asOf'],
          [{ shops: [{ platformId: 'shopee', shopId: 'ok' }] }, '?view=everything', 'view'],
        ];
        for (const [body, query, field] of cases) {
          const response = await post(`/enforcement/operator-searches${query}`, body);
          expect([field, response.status, response.body.errors]).toEqual([field, 400, [expect.objectContaining({ field })]]);
        }
        expect(await registry.store.headPosition()).toBe(head);
      });

      it('answers 1,000 shops in one request', async () => {
        run++;
        const shops = Array.from({ length: 1000 }, (_, i) => shop(`b${run}-${i}`, [payout('p', `95${run}${String(Math.floor(i / 4)).padStart(5, '0')}`)]));
        await registry.http().post('/platform/shops/bulk').set('x-api-key', platforms.shopee).send({ shops }).expect(200);
        // Projecting a thousand registrations can take longer than one settle waits on a busy machine.
        for (let tries = 1; ; tries++) {
          try {
            await registry.settle();
            break;
          } catch (error) {
            if (tries === 6) throw error;
          }
        }
        const asked = shops.map((s) => ({ platformId: 'shopee', shopId: s.shopId }));
        const response = await post('/enforcement/operator-searches?view=summary', { shops: asked }).then(answered);
        expect(response.body.results).toHaveLength(1000);
        expect(new Set(response.body.results.map((r: { operator: { operatorId: string } }) => r.operator.operatorId)).size).toBe(250);
        // A bulk registration on PostgreSQL may record the four in any order, and the first recorded names the operator.
        expect(response.body.results[5].operator.shops.map((s: { shop: string }) => s.shop).sort()).toEqual([4, 5, 6, 7].map((i) => `shopee:b${run}-${i}`));
      }, 120_000);
    });
  });
}
