import { RunningRegistry } from '../support/registry-app';

/**
 * The case the workspace is shown on: one operator paid into one bank account behind three
 * nominees on three platforms, a warehouse phone shared with unrelated sellers (a hub), and a
 * third shop that arrives after `before`, so the network as known then has two shops, now three;
 * two of the shops report sales on their platforms, one without withholding.
 */
export interface Scenario {
  readonly account: string;
  readonly holder: { readonly name: string; readonly nationalId: string };
  readonly first: { readonly platformId: string; readonly shopId: string };
  readonly shops: readonly string[];
  /** A moment after the first two shops were registered and before the third was. */
  readonly before: string;
}

const owner = (fullName: string, nationalId: string) => ({
  claimId: 'owner',
  role: 'declared_owner',
  subject: { fullName, nationalId },
  verification: { method: 'vneid_level_2', verifiedAt: '2026-07-02T09:00:00Z', reference: `kyc-${nationalId}` },
});
const payout = (accountNumber: string) => ({
  claimId: 'payout',
  role: 'payout_account',
  subject: { fullName: 'Chủ tài khoản', bankAccount: { bankCode: 'vcb', accountNumber } },
});
const warehouse = { claimId: 'wh', role: 'warehouse', subject: { address: 'Kho Long Biên, Hà Nội', phone: '0243 999 8888' } };
const shop = (shopId: string, claims: object[]) => ({ shopId, displayName: `Shop ${shopId}`, category: 'cosmetics', claims });

/** Runs with `REGISTRY_HUB_THRESHOLD=3`, so four shops on one warehouse phone make it a hub. */
export async function seedScenario(registry: RunningRegistry): Promise<Scenario> {
  const keys: Record<string, string> = {};
  for (const platformId of ['shopee', 'lazada', 'tiktok']) {
    keys[platformId] = await registry.addPrincipal({ principalId: `${platformId}-api`, role: 'platform', name: platformId, platformId });
  }
  const register = async (platformId: string, body: object) => {
    const response = await registry.http().post('/platform/shops').set('x-api-key', keys[platformId]).send(body);
    if (response.status !== 201) throw new Error(`registering a shop: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  };
  const account = '0011004455667';
  const holder = { name: 'Hoàng Văn Đức', nationalId: '001085099999' };
  // Positions are looked up by time: each step the timeline can be moved to is a millisecond apart from the next.
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
  await register('shopee', shop('my-pham-an', [owner('Nguyễn Văn An', '001089012301'), payout(account), warehouse]));
  await tick();
  await register('lazada', shop('binh-beauty', [owner('Lê Thị Bình', '001189012302'), payout(account)]));
  for (const n of [1, 2, 3]) await register('shopee', shop(`kho-neighbour-${n}`, [owner(`Người bán ${n}`, `00108901240${n}`), warehouse]));
  await registry.settle();
  await tick();
  const before = new Date().toISOString();
  await tick();
  await register('tiktok', shop('cuong-store', [owner('Phạm Văn Cường', '001089012303'), payout(account)]));
  const attested = await registry
    .http()
    .post('/partner/attestations')
    .set('x-api-key', registry.key('demo-bank'))
    .send({
      kind: 'bank_account_holder',
      recordId: 'vcb-holder-1',
      account: { bankCode: 'vcb', accountNumber: account },
      holder: { fullName: holder.name, nationalId: holder.nationalId },
      validFrom: '2024-01-01',
    });
  if (attested.status !== 201) throw new Error(`attesting the holder: HTTP ${attested.status} ${JSON.stringify(attested.body)}`);
  // Two platforms report sales: the tax card shows one yearly figure, and lazada withheld nothing.
  for (const [platformId, shopId, month, gross, vat, pit] of [
    ['shopee', 'my-pham-an', '2026-08', 60_000_000, 600_000, 300_000],
    ['lazada', 'binh-beauty', '2026-09', 40_000_000, 0, 0],
  ] as const) {
    const lines = [{ category: 'goods', grossRevenue: gross, cancellationsAndReturns: 0, vatWithheld: vat, pitWithheld: pit }];
    const reported = await registry
      .http()
      .post('/platform/sales-reports')
      .set('x-api-key', keys[platformId])
      .send({ shopId, month, sellerResident: true, lines });
    if (reported.status !== 201) throw new Error(`reporting sales: HTTP ${reported.status} ${JSON.stringify(reported.body)}`);
  }
  await registry.settle();
  return {
    account,
    holder,
    first: { platformId: 'shopee', shopId: 'my-pham-an' },
    shops: ['lazada:binh-beauty', 'shopee:my-pham-an', 'tiktok:cuong-store'],
    before,
  };
}
