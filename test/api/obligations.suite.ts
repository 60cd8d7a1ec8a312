import { monthAt } from '@registry/obligations/domain';
import { taxEventSchemas } from '@registry/obligations/testing/tax-event-schemas';
import { OperatorMembership } from '@registry/resolution';
import { RunningRegistry } from '../support/registry-app';
import { CASE } from './enforcement.suite';
import { AtRest } from './privacy.suite';

/** A shop whose declared owner the platform verified (VNeID level 2) from January 2025, or one with nobody verified. */
export function aSeller(shopId: string, owner: { nationalId?: string; taxCode?: string; verified?: boolean } = { nationalId: '079190000123' }) {
  const { verified = true, ...ids } = owner;
  return {
    shopId,
    displayName: `Cửa hàng ${shopId}`,
    category: 'cosmetics',
    claims: [
      {
        claimId: 'owner',
        role: 'declared_owner',
        subject: { fullName: 'Lê Thị Hoa', ...ids },
        verification: verified ? { method: 'vneid_level_2', verifiedAt: '2025-01-02T09:00:00Z', reference: 'vneid-1' } : { method: 'none' },
        validFrom: '2025-01-01',
      },
    ],
  };
}

export const aReport = (shopId: string, month: string, lines: object[] = [goods()], extra: object = {}) => ({
  shopId,
  month,
  sellerResident: true,
  lines,
  ...extra,
});

export const goods = (
  gross: number | string = 120_000_000,
  cancelled: number | string = 20_000_000,
  vat: number | string = 1_000_000,
  pit: number | string = 500_000,
) => ({
  category: 'goods',
  grossRevenue: gross,
  cancellationsAndReturns: cancelled,
  vatWithheld: vat,
  pitWithheld: pit,
});

interface BadReport {
  readonly name: string;
  readonly body: (shopId: string) => unknown;
  readonly status: number;
  readonly field: string;
}

const line = (change: object) => [{ ...goods(), ...change }];

/** Each bad sales report gets a 4xx naming the field, and appends nothing. */
// prettier-ignore
const BAD_REPORTS: readonly BadReport[] = [
  { name: 'negative gross revenue',           body: (s) => aReport(s, '2025-08', line({ grossRevenue: -5 })), status: 400, field: 'lines[0].grossRevenue' },
  { name: 'negative revenue as a string',     body: (s) => aReport(s, '2025-08', line({ grossRevenue: '-5' })), status: 400, field: 'lines[0].grossRevenue' },
  { name: 'a fraction of a đồng',             body: (s) => aReport(s, '2025-08', line({ grossRevenue: 1000.5 })), status: 400, field: 'lines[0].grossRevenue' },
  { name: 'a fraction in a string',           body: (s) => aReport(s, '2025-08', line({ vatWithheld: '1000.50' })), status: 400, field: 'lines[0].vatWithheld' },
  { name: 'an amount in exponent notation',   body: (s) => aReport(s, '2025-08', line({ pitWithheld: '1e6' })), status: 400, field: 'lines[0].pitWithheld' },
  { name: 'a number beyond 2^53',             body: (s) => aReport(s, '2025-08', line({ grossRevenue: 2 ** 60 })), status: 400, field: 'lines[0].grossRevenue' },
  { name: 'an amount that is no number',      body: (s) => aReport(s, '2025-08', line({ cancellationsAndReturns: 'lots' })), status: 400, field: 'lines[0].cancellationsAndReturns' },
  { name: 'an amount missing',                body: (s) => aReport(s, '2025-08', [{ category: 'goods', grossRevenue: 1, cancellationsAndReturns: 0, vatWithheld: 0 }]), status: 400, field: 'lines[0].pitWithheld' },
  { name: 'an unknown category',              body: (s) => aReport(s, '2025-08', line({ category: 'jewellery' })), status: 400, field: 'lines[0].category' },
  { name: 'a category twice',                 body: (s) => aReport(s, '2025-08', [goods(), goods()]), status: 400, field: 'lines[1].category' },
  { name: 'no lines',                         body: (s) => aReport(s, '2025-08', []), status: 400, field: 'lines' },
  { name: 'an unknown field in a line',       body: (s) => aReport(s, '2025-08', line({ discount: 5 })), status: 400, field: 'lines[0].discount' },
  { name: 'residence missing',                body: (s) => ({ shopId: s, month: '2025-08', lines: [goods()] }), status: 400, field: 'sellerResident' },
  { name: 'residence as a string',            body: (s) => aReport(s, '2025-08', [goods()], { sellerResident: 'yes' }), status: 400, field: 'sellerResident' },
  { name: 'a month in the future',            body: (s) => aReport(s, '2031-01'), status: 400, field: 'month' },
  { name: 'the current month, not over yet',  body: (s) => aReport(s, monthAt(new Date())), status: 400, field: 'month' },
  { name: 'a month before Decree 117/2025',   body: (s) => aReport(s, '2025-06'), status: 400, field: 'month' },
  { name: 'a malformed month',                body: (s) => aReport(s, '2025-8'), status: 400, field: 'month' },
  { name: 'a shop id with a space',           body: () => aReport('a b', '2025-08'), status: 400, field: 'shopId' },
  { name: 'a shop that was never registered', body: () => aReport('never-registered', '2025-08'), status: 404, field: 'shopId' },
  { name: 'corrects that is no report id',    body: (s) => aReport(s, '2025-08', [goods()], { corrects: 'the-last-one' }), status: 400, field: 'corrects' },
];

/** Sales reports, assessment, yearly revenue and the tax office's HTTP feed, over whichever store `start` runs on. */
export function describeObligationsApi(store: string, start: () => Promise<RunningRegistry>, atRest: AtRest): void {
  describe(`tax obligations API on ${store}`, () => {
    let registry: RunningRegistry;
    let platformKey: string;
    let otherPlatformKey: string;
    let taxKey: string;
    let n = 0;
    const newShopId = () => `tax-shop-${Date.now().toString(36)}-${++n}`;
    const as = (key: string) => ({
      get: (path: string) => registry.http().get(path).set('x-api-key', key),
      post: (path: string) => registry.http().post(path).set('x-api-key', key),
    });
    const platform = () => as(platformKey);
    const register = async (shop: { shopId: string } = aSeller(newShopId()), key = platformKey) => {
      await as(key).post('/platform/shops').send(shop).expect(201);
      return shop.shopId;
    };
    const report = (body: object, key = platformKey) => as(key).post('/platform/sales-reports').send(body);
    const schemas = taxEventSchemas();

    beforeAll(async () => {
      registry = await start();
      platformKey = registry.key('demo-platform');
      taxKey = registry.key('demo-tax-office');
      otherPlatformKey = await registry.addPrincipal({
        principalId: 'tax-other-platform',
        role: 'platform',
        name: 'Other platform',
        platformId: 'tax-other-platform',
      });
    });
    afterAll(() => registry.close());

    it('records a report with its assessment under Decree 117/2025, due by the 20th of the following month', async () => {
      const shopId = await register();
      const response = await report(aReport(shopId, '2025-08')).expect(201);
      expect(response.body).toMatchObject({
        platformId: 'demo-platform',
        shopId,
        month: '2025-08',
        supersedes: null,
        changed: true,
        identified: true,
        ruleVersion: 'VN-ND117-2025',
        dueDate: '2025-09-20',
        lines: [
          {
            category: 'goods',
            withdrawn: false,
            base: '100000000',
            vat: { ratePercent: '1', due: '1000000', withheld: '1000000', shortfall: '0' },
            pit: { ratePercent: '0.5', due: '500000', withheld: '500000', shortfall: '0' },
          },
        ],
        totals: { base: '100000000', vatDue: '1000000', pitDue: '500000', shortfall: '0' },
      });
      expect(response.body.attributionKey).toMatch(/^tin:[A-Za-z0-9_-]{43}$/);
      const events = await registry.store.readStream(`sales-demo-platform:${shopId}:2025-08`);
      expect(events.map((e) => e.type)).toEqual(['SalesReported', 'ObligationAssessed']);
      expect(events[1].data).toMatchObject({ reportId: response.body.reportId, attributionKey: response.body.attributionKey, base: '100000000' });
      expect(events[1].data).not.toHaveProperty('seller');
      const named = await registry.store.readStream(`tax-seller-${response.body.attributionKey}`);
      expect(named.map((e) => [e.type, e.data])).toEqual([
        ['SellerIdentified', { attributionKey: response.body.attributionKey, seller: { nationalId: '079190000123' } }],
      ]);
    });

    it('takes amounts as JSON integers or digit strings and computes exactly beyond 2^53', async () => {
      const shopId = await register();
      const response = await report(aReport(shopId, '2025-09', [goods('900719925474099300', '0', '9007199254740993', 0)])).expect(201);
      expect(response.body.lines[0]).toMatchObject({
        base: '900719925474099300',
        vat: { due: '9007199254740993', shortfall: '0' },
        pit: { due: '4503599627370497' },
      });
    });

    it('assesses services, transport and an unknown category of a non-resident seller at their own rates', async () => {
      const shopId = await register();
      const lines = [
        { category: 'services', grossRevenue: 10_000_000, cancellationsAndReturns: 0, vatWithheld: 500_000, pitWithheld: 500_000 },
        { category: 'transport_and_attached_services', grossRevenue: 10_000_000, cancellationsAndReturns: 0, vatWithheld: 300_000, pitWithheld: 200_000 },
        { category: 'unknown', grossRevenue: 10_000_000, cancellationsAndReturns: 0, vatWithheld: 500_000, pitWithheld: 500_000 },
      ];
      const response = await report(aReport(shopId, '2025-08', lines, { sellerResident: false })).expect(201);
      expect(
        response.body.lines.map((l: { category: string; vat: { ratePercent: string }; pit: { ratePercent: string; due: string } }) => [
          l.category,
          l.vat.ratePercent,
          l.pit.ratePercent,
          l.pit.due,
        ]),
      ).toEqual([
        ['services', '5', '5', '500000'],
        ['transport_and_attached_services', '3', '2', '200000'],
        ['unknown', '5', '5', '500000'],
      ]);
      expect(response.body.totals).toEqual({ base: '30000000', vatDue: '1300000', pitDue: '1200000', shortfall: '0' });
    });

    it('a second report for the month corrects the first: it supersedes it by reference, is assessed anew, and overwrites nothing', async () => {
      const shopId = await register();
      const first = await report(aReport(shopId, '2025-10')).expect(201);
      const stream = `sales-demo-platform:${shopId}:2025-10`;
      const before = await registry.store.readStream(stream);
      const second = await report(aReport(shopId, '2025-10', [goods(120_000_000, 30_000_000)])).expect(201);
      expect(second.body).toMatchObject({ supersedes: first.body.reportId, changed: true, lines: [{ base: '90000000', vat: { due: '900000' } }] });
      expect(second.body.reportId).not.toBe(first.body.reportId);
      const after = await registry.store.readStream(stream);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length).map((e) => [e.type, (e.data as { supersedes?: string }).supersedes])).toEqual([
        ['SalesReported', first.body.reportId],
        ['ObligationAssessed', first.body.reportId],
      ]);
      const yearly = await registry.store.readStream(`tax-revenue-2025:${first.body.attributionKey}`);
      expect(yearly[yearly.length - 1].data).toMatchObject({ change: { month: '2025-10', revenue: '90000000', previousRevenue: '100000000' } });
    });

    it('the same report again changes nothing and answers with the current report', async () => {
      const shopId = await register();
      const first = await report(aReport(shopId, '2025-11')).expect(201);
      await registry.settle(); // the operator-revenue worker appends on its own time
      const head = await registry.store.headPosition();
      const again = await report(aReport(shopId, '2025-11')).expect(201);
      expect(again.body).toEqual({ ...first.body, changed: false });
      expect(await registry.store.headPosition()).toBe(head);
    });

    it('a correction naming a report that is not the current one is a conflict naming corrects', async () => {
      const shopId = await register();
      const first = await report(aReport(shopId, '2025-12')).expect(201);
      await report(aReport(shopId, '2025-12', [goods(1)], { corrects: first.body.reportId })).expect(201);
      await registry.settle(); // the operator-revenue worker appends on its own time
      const head = await registry.store.headPosition();
      const stale = await report(aReport(shopId, '2025-12', [goods(2)], { corrects: first.body.reportId })).expect(409);
      expect(stale.body.errors).toEqual([expect.objectContaining({ field: 'corrects' })]);
      expect(await registry.store.headPosition()).toBe(head);
    });

    it('detects a withholding shortfall', async () => {
      const shopId = await register();
      const response = await report(aReport(shopId, '2025-08', [goods(120_000_000, 20_000_000, 400_000, 500_000)])).expect(201);
      expect(response.body.totals.shortfall).toBe('600000');
      const events = await registry.store.readStream(`sales-demo-platform:${shopId}:2025-08`);
      expect(events.find((e) => e.type === 'WithholdingShortfallDetected')?.data).toMatchObject({
        category: 'goods',
        vatShortfall: '600000',
        pitShortfall: '0',
      });
    });

    it('records revenue of a shop with no verified identity as revenue from an unidentified seller, attributed to the shop', async () => {
      const shopId = await register(aSeller(newShopId(), { nationalId: '079190000124', verified: false }));
      const response = await report(aReport(shopId, '2025-08')).expect(201);
      expect(response.body).toMatchObject({ identified: false, attributionKey: `shop:demo-platform:${shopId}` });
      const events = await registry.store.readStream(`sales-demo-platform:${shopId}:2025-08`);
      expect(events.find((e) => e.type === 'UnidentifiedSellerRevenue')?.data).toMatchObject({
        revenue: '100000000',
        attributionKey: `shop:demo-platform:${shopId}`,
      });
    });

    it('adds the revenue of front shops of one seller, on two platforms, into one yearly figure', async () => {
      const seller = { taxCode: '0314409058' };
      const [a, b] = [await register(aSeller(newShopId(), seller)), await register(aSeller(newShopId(), seller), otherPlatformKey)];
      const first = await report(aReport(a, '2025-08', [goods(60_000_000, 0, 600_000, 300_000)])).expect(201);
      const second = await report(aReport(b, '2025-09', [goods(55_000_000, 0, 550_000, 275_000)]), otherPlatformKey).expect(201);
      expect(second.body.attributionKey).toBe(first.body.attributionKey);
      const yearly = await registry.store.readStream(`tax-revenue-2025:${first.body.attributionKey}`);
      expect(yearly[yearly.length - 1].data).toMatchObject({ revenue: '115000000', shopMonths: 2, shops: 2, platforms: 2 });
      // Whom the key stands for is said once, not for every shop or report.
      const named = await registry.store.readStream(`tax-seller-${first.body.attributionKey}`);
      expect(named.map((e) => e.data)).toEqual([{ attributionKey: first.body.attributionKey, seller }]);
    });

    it('moves a month’s revenue from the shop to the seller once the seller is verified and the month reported again', async () => {
      const shopId = await register(aSeller(newShopId(), { nationalId: '079190000125', verified: false }));
      const before = await report(aReport(shopId, '2025-08')).expect(201);
      await platform().post(`/platform/shops/${shopId}/claims/owner/verify`).send({ method: 'nfc_chip' }).expect(200);
      const after = await report(aReport(shopId, '2025-08')).expect(201);
      expect(after.body).toMatchObject({ changed: true, identified: true, supersedes: before.body.reportId });
      const left = await registry.store.readStream(`tax-revenue-2025:${before.body.attributionKey}`);
      expect(left[left.length - 1].data).toMatchObject({ revenue: '0', shopMonths: 0, change: { revenue: null, previousRevenue: '100000000' } });
      const joined = await registry.store.readStream(`tax-revenue-2025:${after.body.attributionKey}`);
      expect(joined[joined.length - 1].data).toMatchObject({ change: { shopId, revenue: '100000000' } });
    });

    describe('the real operator’s yearly revenue', () => {
      /** A front shop: its own verified owner, the operator's payout account. */
      const front = (nationalId: string, account: string) => {
        const shop = aSeller(newShopId(), { nationalId });
        return {
          ...shop,
          claims: [
            ...shop.claims,
            { claimId: 'payout', role: 'payout_account', subject: { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber: account } } },
          ],
        };
      };
      const operatorFigures = async (operatorId: string) => {
        await registry.settle();
        return (await registry.store.readStream(`tax-operator-revenue-2025:${operatorId}`)).map((e) => e.data as Record<string, unknown>);
      };

      it('is one figure over front shops of three declared sellers on two platforms paid into one account, and follows a split', async () => {
        const account = `77${Date.now().toString().slice(-8)}`;
        const a = await register(front('079190000141', account));
        const b = await register(front('079190000142', account), otherPlatformKey);
        const c = await register(front('079190000143', account));
        const sellers = [
          (await report(aReport(a, '2025-08', [goods(60_000_000, 0, 600_000, 300_000)])).expect(201)).body.attributionKey,
          (await report(aReport(b, '2025-08', [goods(55_000_000, 0, 550_000, 275_000)]), otherPlatformKey).expect(201)).body.attributionKey,
          (await report(aReport(c, '2025-09', [goods(70_000_000, 0, 700_000, 350_000)])).expect(201)).body.attributionKey,
        ];
        expect(new Set(sellers).size).toBe(3); // three sellers as far as each platform and tax id can tell

        const operatorId = `op:demo-platform:${a}`;
        const joined = await operatorFigures(operatorId);
        expect(joined[joined.length - 1]).toMatchObject({ operatorId, year: 2025, revenue: '185000000', shops: 3, platforms: 2, shopMonths: 3 });
        expect((joined[joined.length - 1].sellers as { attributionKey: string }[]).map((s) => s.attributionKey).sort()).toEqual([...sellers].sort());

        // The third shop's payout claim was wrong: retracted, the shop is an operator of its own again.
        await platform().post(`/platform/shops/${c}/claims/payout/retract`).send({ reason: 'wrong account' }).expect(200);
        const split = await operatorFigures(operatorId);
        expect(split[split.length - 1]).toMatchObject({ revenue: '115000000', previousRevenue: '185000000', shops: 2 });
        const alone = await operatorFigures(`op:demo-platform:${c}`);
        expect(alone[alone.length - 1]).toMatchObject({
          revenue: '70000000',
          shops: 1,
          members: [{ platformId: 'demo-platform', shopId: c, revenue: '70000000' }],
        });

        // A correction of a front shop's month moves the operator's figure, once.
        await report(aReport(b, '2025-08', [goods(45_000_000, 0, 450_000, 225_000)]), otherPlatformKey).expect(201);
        const corrected = await operatorFigures(operatorId);
        expect(corrected.slice(split.length)).toEqual([expect.objectContaining({ revenue: '105000000', previousRevenue: '115000000' })]);

        // Caught up, and it shows.
        const ready = await registry.http().get('/health/ready').set('x-api-key', registry.key('bootstrap-admin')).expect(200);
        expect(ready.body.details['operator-revenue']).toMatchObject({ status: 'up', lag: 0, graphLag: 0, lastError: null });
        const metrics = await as(registry.key('bootstrap-admin')).get('/metrics').expect(200);
        expect(metrics.text).toMatch(/^registry_operator_revenue_lag_events 0$/m);
        expect(metrics.text).toMatch(/^registry_operator_revenue_up 1$/m);
        expect(metrics.text).toMatch(/^registry_follower_checkpoint\{follower="operator-revenue",kind="reactor"\} [1-9]\d*$/m);
      });

      it('splits an operator when a shop with no revenue that bridged two others retracts its claim', async () => {
        const [x, y] = [`80${Date.now().toString().slice(-8)}`, `81${Date.now().toString().slice(-8)}`];
        const a = await register(front('079190000181', x));
        const bridge = await register(front('079190000182', x));
        await platform()
          .post(`/platform/shops/${bridge}/claims`)
          .send({ claimId: 'payout-2', role: 'payout_account', subject: { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber: y } } })
          .expect(201);
        const c = await register(front('079190000183', y));
        await report(aReport(a, '2025-08', [goods(10_000_000, 0, 100_000, 50_000)])).expect(201);
        await report(aReport(c, '2025-08', [goods(20_000_000, 0, 200_000, 100_000)])).expect(201);
        expect((await operatorFigures(`op:demo-platform:${a}`)).pop()).toMatchObject({ revenue: '30000000', shops: 2 });

        await platform().post(`/platform/shops/${bridge}/claims/payout-2/retract`).send({ reason: 'closed' }).expect(200);
        expect((await operatorFigures(`op:demo-platform:${a}`)).pop()).toMatchObject({ revenue: '10000000', previousRevenue: '30000000', shops: 1 });
        expect((await operatorFigures(`op:demo-platform:${c}`)).pop()).toMatchObject({ revenue: '20000000', shops: 1 });
      });

      it('follows a split no event marks (an erasure deletes the identifier that joined two shops) within a sweep', async () => {
        const [a, b] = [
          await register(aSeller(newShopId(), { nationalId: '079190000161' })),
          await register(aSeller(newShopId(), { nationalId: '079190000161' })),
        ];
        await report(aReport(a, '2025-08', [goods(10_000_000, 0, 100_000, 50_000)])).expect(201);
        await report(aReport(b, '2025-08', [goods(20_000_000, 0, 200_000, 100_000)])).expect(201);
        expect((await operatorFigures(`op:demo-platform:${a}`)).pop()).toMatchObject({ revenue: '30000000', shops: 2 });

        await as(registry.key('bootstrap-admin'))
          .post('/admin/erasures')
          .send({ identifier: { kind: 'nationalId', value: '079190000161' }, legalGround: 'data_subject_request', reference: 'PDP-2026-31' })
          .expect(200);
        const deadline = Date.now() + 15_000;
        let latest = (await operatorFigures(`op:demo-platform:${a}`)).pop();
        while (latest?.revenue !== '10000000' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          latest = (await operatorFigures(`op:demo-platform:${a}`)).pop();
        }
        expect(latest).toMatchObject({ revenue: '10000000', previousRevenue: '30000000', shops: 1 });
        expect((await operatorFigures(`op:demo-platform:${b}`)).pop()).toMatchObject({ revenue: '20000000', shops: 1 });
      });

      it.each([20251129, 7, 99])(
        'after random reports, corrections, joins and splits (seed %i), every operator’s last figure is the sum over the shops it has now',
        async (first) => {
          let seed = first;
          const random = (n: number) => {
            seed ^= seed << 13;
            seed ^= seed >>> 17;
            seed ^= seed << 5;
            return (seed >>> 0) % n;
          };
          const shops = await Promise.all(
            Array.from({ length: 8 }, (_, i) => register(aSeller(newShopId(), { nationalId: `0791${String(first % 1000).padStart(3, '0')}0000${i}` }))),
          );
          const accounts = [1, 2, 3].map((i) => `79${i}${Date.now().toString().slice(-7)}`);
          const payout = new Map<string, string>(); // shop → its standing payout claim id
          const reported = new Map<string, bigint>(); // shop and month → the base last reported
          for (let step = 0; step < 40; step++) {
            const shop = shops[random(shops.length)];
            const action = random(3);
            if (action === 0 && !payout.has(shop)) {
              const claimId = `payout-${step}`;
              const subject = { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber: accounts[random(accounts.length)] } };
              await platform().post(`/platform/shops/${shop}/claims`).send({ claimId, role: 'payout_account', subject }).expect(201);
              payout.set(shop, claimId);
            } else if (action === 1 && payout.has(shop)) {
              await platform()
                .post(`/platform/shops/${shop}/claims/${payout.get(shop)}/retract`)
                .send({ reason: 'closed' })
                .expect(200);
              payout.delete(shop);
            } else {
              const month = `2025-${String(7 + random(4)).padStart(2, '0')}`;
              const base = 1_000_000 * (1 + random(50));
              await report(aReport(shop, month, [goods(base, 0, 0, 0)])).expect(201);
              reported.set(`${shop} ${month}`, BigInt(base));
            }
          }
          await registry.settle();

          // What the figures must be: the graph's grouping now, and each shop's months as last reported.
          const membership = registry.app.get(OperatorMembership);
          const groups = await membership.operatorsOf(
            shops.map((shop) => `demo-platform:${shop}`),
            await membership.graphPosition(),
          );
          const expected = new Map<string, bigint>();
          for (const [key, base] of reported) {
            const operatorId = groups.get(`demo-platform:${key.split(' ')[0]}`)!.operatorId;
            expected.set(operatorId, (expected.get(operatorId) ?? 0n) + base);
          }
          const told = new Map<string, string>();
          for (const shop of shops) {
            const figures = await operatorFigures(`op:demo-platform:${shop}`);
            if (figures.length > 0) told.set(`op:demo-platform:${shop}`, String(figures[figures.length - 1].revenue));
          }
          expect(expected.size).toBeGreaterThan(0);
          for (const [operatorId, revenue] of expected) expect([operatorId, told.get(operatorId)]).toEqual([operatorId, String(revenue)]);
          for (const [operatorId, revenue] of told) if (!expected.has(operatorId)) expect([operatorId, revenue]).toEqual([operatorId, '0']);
        },
      );

      it('keeps up with a platform reporting 300 shops in one request: one figure per operator, walked in batches', async () => {
        const stamp = Date.now().toString().slice(-6);
        const shops = Array.from({ length: 300 }, (_, i) => {
          const shop = aSeller(newShopId(), { nationalId: `0791950${String(i).padStart(5, '0')}` });
          // Pairs of shops share a payout account: 150 operators of two shops each.
          const account = `83${String(Math.floor(i / 2)).padStart(4, '0')}${stamp}`;
          return {
            ...shop,
            claims: [
              ...shop.claims,
              { claimId: 'payout', role: 'payout_account', subject: { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber: account } } },
            ],
          };
        });
        await platform().post('/platform/shops/bulk').send({ shops }).expect(200);
        const reports = shops.map((shop, i) => aReport(shop.shopId, '2025-10', [goods(1_000_000 * (i + 1), 0, 0, 0)]));
        await platform().post('/platform/sales-reports/bulk').send({ reports }).expect(200);
        await registry.settle();
        const membership = registry.app.get(OperatorMembership);
        for (let pair = 0; pair < 150; pair += 37) {
          const [first, second] = [shops[2 * pair].shopId, shops[2 * pair + 1].shopId];
          // Named after whichever of the two the graph saw first: a bulk request need not append its shops in request order.
          const [group] = (await membership.operatorsOf([`demo-platform:${first}`], await membership.graphPosition())).values();
          const figure = (await operatorFigures(group.operatorId)).pop();
          expect(figure).toMatchObject({ revenue: String(1_000_000 * (4 * pair + 3)), shops: 2 });
          expect((figure!.members as { shopId: string }[]).map((m) => m.shopId).sort()).toEqual([first, second].sort());
        }
      });

      it('closes the figure of an operator whose shops joined an older operator, with zero', async () => {
        const account = `78${Date.now().toString().slice(-8)}`;
        const first = await register(front('079190000151', account));
        const second = await register(aSeller(newShopId(), { nationalId: '079190000152' }));
        await report(aReport(first, '2025-08', [goods(10_000_000, 0, 100_000, 50_000)])).expect(201);
        await report(aReport(second, '2025-08', [goods(20_000_000, 0, 200_000, 100_000)])).expect(201);
        expect((await operatorFigures(`op:demo-platform:${second}`)).pop()).toMatchObject({ revenue: '20000000', shops: 1 });

        // The second shop adds the first one's payout account: one operator, named after the first shop.
        await platform()
          .post(`/platform/shops/${second}/claims`)
          .send({ claimId: 'payout', role: 'payout_account', subject: { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber: account } } })
          .expect(201);
        expect((await operatorFigures(`op:demo-platform:${first}`)).pop()).toMatchObject({ revenue: '30000000', shops: 2, previousRevenue: '10000000' });
        expect((await operatorFigures(`op:demo-platform:${second}`)).pop()).toMatchObject({ revenue: '0', shops: 0, members: [], previousRevenue: '20000000' });
      });

      it('is read by enforcement as one yearly figure over both platforms with obligations and shortfalls, audited, refused to other roles', async () => {
        const account = `79${Date.now().toString().slice(-8)}`;
        const a = await register(front('079190000161', account));
        const b = await register(front('079190000162', account), otherPlatformKey);
        await report(aReport(a, '2025-08', [goods(60_000_000, 0, 600_000, 300_000)])).expect(201);
        const short = await report(aReport(b, '2025-09', [goods(40_000_000, 0, 0, 0)]), otherPlatformKey).expect(201);
        await registry.settle();
        const officer = registry.key('demo-officer');
        const path = `/enforcement/shops/tax-other-platform/${b}/operator/tax`;

        const answer = await registry.http().get(`${path}?year=2025`).set('x-api-key', officer).set(CASE).expect(200);
        expect(answer.body).toMatchObject({
          operatorId: `op:demo-platform:${a}`,
          years: [
            {
              year: 2025,
              revenue: '100000000',
              platforms: 2,
              shops: [
                { platformId: 'demo-platform', shopId: a, revenue: '60000000', vat: { due: '600000', withheld: '600000', shortfall: '0' } },
                { platformId: 'tax-other-platform', shopId: b, revenue: '40000000', pit: { due: '200000', withheld: '0', shortfall: '200000' } },
              ],
              obligations: {
                vat: { due: '1000000', withheld: '600000', shortfall: '400000' },
                pit: { due: '500000', withheld: '300000', shortfall: '200000' },
              },
              sentToTaxOffice: { revenue: '100000000' },
            },
          ],
        });
        expect(answer.body.auditId).toEqual(expect.any(String));

        await registry.settle();
        const audit = await registry
          .http()
          .post('/admin/enforcement-audit/search')
          .set('x-api-key', registry.key('bootstrap-admin'))
          .send({ shop: `tax-other-platform:${b}` })
          .expect(200);
        expect(audit.body.records).toEqual([
          expect.objectContaining({
            auditId: answer.body.auditId,
            caseReference: CASE['x-case-reference'],
            query: { name: 'operatorTax', params: { shop: `tax-other-platform:${b}`, year: '2025' } },
            shops: [`demo-platform:${a}`, `tax-other-platform:${b}`],
          }),
        ]);

        // A correction supersedes the month's report: its assessment is the one that counts.
        await report(aReport(b, '2025-09', [goods(40_000_000, 0, 400_000, 200_000)], { corrects: short.body.reportId }), otherPlatformKey).expect(201);
        await registry.settle();
        const corrected = await registry.http().get(path).set('x-api-key', officer).set(CASE).expect(200);
        expect(corrected.body.years).toEqual([
          expect.objectContaining({
            revenue: '100000000',
            obligations: { vat: { due: '1000000', withheld: '1000000', shortfall: '0' }, pit: { due: '500000', withheld: '500000', shortfall: '0' } },
          }),
        ]);

        await registry.http().get(path).set('x-api-key', platformKey).set(CASE).expect(403);
        await registry.http().get(path).set('x-api-key', taxKey).set(CASE).expect(403);
        await registry.http().get(path).set('x-api-key', officer).expect(400);
        const unknown = await registry.http().get('/enforcement/shops/demo-platform/no-such-shop/operator/tax').set('x-api-key', officer).set(CASE).expect(404);
        expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      });
    });

    it('keeps the seller’s tax id encrypted at rest', async () => {
      const shopId = await register(aSeller(newShopId(), { nationalId: '079190000126' }));
      await report(aReport(shopId, '2025-08')).expect(201);
      expect(await atRest.dump(registry)).not.toContain('079190000126');
    });

    it('replays a retry with the same Idempotency-Key and appends nothing', async () => {
      const shopId = await register();
      const body = aReport(shopId, '2025-08');
      const first = await platform().post('/platform/sales-reports').set('idempotency-key', `k-${shopId}`).send(body).expect(201);
      await registry.settle(); // the operator-revenue worker appends on its own time
      const head = await registry.store.headPosition();
      const retry = await platform().post('/platform/sales-reports').set('idempotency-key', `k-${shopId}`).send(body).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await registry.store.headPosition()).toBe(head);
    });

    describe('a bad sales report', () => {
      let shopId: string;
      beforeAll(async () => (shopId = await register()));

      it.each(BAD_REPORTS)('$name → $status naming $field, nothing recorded', async ({ body, status, field }) => {
        await registry.settle(); // the operator-revenue worker appends on its own time
        const head = await registry.store.headPosition();
        const response = await report(body(shopId) as object);
        expect(response.status).toBe(status);
        const fields = (response.body.errors ?? []).map((p: { field: string }) => p.field);
        expect([response.body.detail, fields]).toEqual([expect.stringContaining(`${field}:`), expect.arrayContaining([field])]);
        expect(await registry.store.headPosition()).toBe(head);
      });

      it('for another platform’s shop gets exactly the answer of a shop that does not exist', async () => {
        await registry.settle(); // the operator-revenue worker appends on its own time
        const head = await registry.store.headPosition();
        const foreign = await report(aReport(shopId, '2025-08'), otherPlatformKey).expect(404);
        const missing = await report(aReport('never-registered', '2025-08'), otherPlatformKey).expect(404);
        expect(foreign.body).toEqual({ ...missing.body, detail: missing.body.detail.replace('never-registered', shopId) });
        expect(foreign.body.errors).toEqual([{ field: 'shopId', message: 'is not a registered shop of this platform' }]);
        expect(await registry.store.headPosition()).toBe(head);
      });
    });

    it('takes a month’s reports in bulk, each on its own: good ones recorded, bad ones named by their path', async () => {
      const [a, b] = [await register(), await register()];
      await registry.settle(); // the operator-revenue worker appends on its own time
      const head = await registry.store.headPosition();
      const response = await platform()
        .post('/platform/sales-reports/bulk')
        .send({
          reports: [
            aReport(a, '2025-08'),
            aReport(b, '2025-08', line({ grossRevenue: -1 })),
            aReport('never-registered', '2025-08'),
            aReport(a, '2025-08'),
            aReport(b, '2025-09'),
          ],
        })
        .expect(200);
      expect(response.body.counts).toEqual({ reported: 2, corrected: 0, unchanged: 0, invalid: 2, not_found: 1, conflict: 0 });
      expect(response.body.results.map((r: { status: string; problems?: { field: string }[] }) => [r.status, r.problems?.map((p) => p.field)])).toEqual([
        ['reported', undefined],
        ['invalid', ['reports[1].lines[0].grossRevenue']],
        ['not_found', ['reports[2].shopId']],
        ['invalid', ['reports[3].month']],
        ['reported', undefined],
      ]);
      const appended = await registry.store.readAll(head + 1, 100);
      expect(
        appended
          .filter((e) => e.type === 'SalesReported')
          .map((e) => (e.data as { shopId: string }).shopId)
          .sort(),
      ).toEqual([a, b].sort());
    });

    it('publishes the withholding rule table with its versions, dates and sources', async () => {
      const response = await as(taxKey).get('/tax/withholding-rules').expect(200);
      expect(response.body.rules[0]).toMatchObject({
        version: 'VN-ND117-2025',
        effectiveFrom: '2025-07-01',
        rates: { goods: { vat: '1', pitResident: '0.5', pitNonResident: '1' } },
      });
      expect(schemas.ruleTable({ rules: response.body.rules })).toEqual([]);
    });

    describe('the tax office’s feed', () => {
      const readAll = async (limit: number) => {
        const items: { id: string; sequence: string; type: string; subject: string; partitionkey: string; data: Record<string, unknown> }[] = [];
        let after = 0;
        for (;;) {
          const page = await as(taxKey).get(`/tax/feed?after=${after}&limit=${limit}`).expect(200);
          items.push(...page.body.items);
          if (page.body.next === after) return { items, next: after };
          after = page.body.next;
        }
      };

      it('serves every obligation event as a CloudEvent that its JSON Schema accepts, in log order, once', async () => {
        const shopId = await register(aSeller(newShopId(), { nationalId: '079190000129' }));
        await report(aReport(shopId, '2025-08', [goods(120_000_000, 20_000_000, 1, 1)])).expect(201);
        await registry.settle();
        const { items } = await readAll(1000);
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) expect([item.id, schemas.cloudEvent(item)]).toEqual([item.id, []]);
        expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
        expect(items.map((i) => i.sequence)).toEqual(items.map((i) => i.sequence).sort());
        const mine = items.filter((i) => i.data.shopId === shopId || (i.data.change as { shopId?: string } | undefined)?.shopId === shopId);
        expect(mine.map((i) => i.type)).toEqual([
          'vn.seller-registry.tax.obligation-assessed.v1',
          'vn.seller-registry.tax.withholding-shortfall-detected.v1',
          'vn.seller-registry.tax.annual-revenue-attributed.v1',
        ]);
        const named = items.find((i) => i.type.endsWith('seller-identified.v1') && i.data.attributionKey === mine[0].data.attributionKey)!;
        expect(named.data.seller).toEqual({ nationalId: '079190000129' });
        expect(named.sequence < mine[0].sequence).toBe(true);
        const stored = await registry.store.readStream(`sales-demo-platform:${shopId}:2025-08`);
        expect(mine[0].id).toBe(stored.find((e) => e.type === 'ObligationAssessed')!.id);
        const operator = items.filter((i) => i.type.endsWith('operator-revenue-attributed.v1') && i.data.operatorId === `op:demo-platform:${shopId}`);
        expect(operator.map((i) => [i.subject, i.partitionkey, i.data.revenue])).toEqual([
          [`operators/op:demo-platform:${shopId}/2025`, `op:demo-platform:${shopId}`, '100000000'],
        ]);
        expect(operator[0].sequence > mine[mine.length - 1].sequence).toBe(true);
      });

      it('pages with the cursor: small pages give the same events as one large page, and a caught-up cursor stays put', async () => {
        await registry.settle();
        const [small, large] = [await readAll(3), await readAll(1000)];
        expect(small.items.map((i) => i.id)).toEqual(large.items.map((i) => i.id));
        const end = await as(taxKey).get(`/tax/feed?after=${large.next}`).expect(200);
        expect(end.body).toEqual({ items: [], next: large.next });
      });

      it('refuses a cursor beyond the end of the log, naming after, where it used to answer "caught up"', async () => {
        const head = await registry.store.headPosition();
        const response = await as(taxKey)
          .get(`/tax/feed?after=${head + 1000}`)
          .expect(400);
        expect(response.body.errors).toEqual([{ field: 'after', message: `is beyond the end of the log (position ${head})` }]);
      });

      it('serves the JSON Schema each event names at the path of its dataschema, without a key', async () => {
        await registry.settle();
        const { items } = await readAll(1000);
        const schemaUrls = [...new Set(items.map((i) => (i as unknown as { dataschema: string }).dataschema))];
        expect(schemaUrls.length).toBeGreaterThanOrEqual(4);
        for (const url of schemaUrls) {
          const path = new URL(url).pathname;
          const served = await registry.http().get(path).expect(200);
          expect([path, served.headers['content-type'], served.body.$id]).toEqual([path, expect.stringMatching(/^application\/schema\+json/), path]);
        }
        const envelope = await registry.http().get('/schemas/tax/cloudevent.v1.json').expect(200);
        const common = await registry.http().get('/schemas/tax/common.v1.json').expect(200);
        expect([envelope.body.$id, common.body.$id]).toEqual(['/schemas/tax/cloudevent.v1.json', '/schemas/tax/common.v1.json']);
      });

      it.each([
        ['after=-1', 'after'],
        ['after=abc', 'after'],
        ['limit=0', 'limit'],
        ['limit=1001', 'limit'],
        ['limit=2.5', 'limit'],
      ])('refuses %s naming %s', async (query, field) => {
        const response = await as(taxKey).get(`/tax/feed?${query}`).expect(400);
        expect(response.body.errors.map((p: { field: string }) => p.field)).toContain(field);
      });
    });
  });
}
