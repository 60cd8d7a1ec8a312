import type { ShopEvent } from '@registry/registration/domain';
import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { FlagShop, ShopFlagEvent, shopFlagDecider } from './shop-flag.decide';

const given = deciderSpec(shopFlagDecider);

const registered: ShopEvent = {
  type: 'ShopRegistered',
  data: { platformId: 'shopee', shopId: 's-1', displayName: 'Mỹ phẩm Hà Nội', url: 'https://shop.example/mp-hn', category: 'cosmetics' },
};
const closed: ShopEvent = { type: 'ShopClosed', data: { reason: 'seller left' } };
const flag: FlagShop = {
  type: 'FlagShop',
  platformId: 'shopee',
  shopId: 's-1',
  category: 'counterfeit',
  caseReference: 'QLTT-HN-2026-0117',
  note: 'Test purchase: counterfeit perfume',
  flaggedBy: 'officer-7',
  agency: 'QLTT Hà Nội',
};
const flagged: ShopFlagEvent = {
  type: 'ShopFlagged',
  data: {
    category: 'counterfeit',
    caseReference: 'QLTT-HN-2026-0117',
    note: 'Test purchase: counterfeit perfume',
    flaggedBy: 'officer-7',
    agency: 'QLTT Hà Nội',
  },
};

describe('flagging a shop', () => {
  it('flags a registered shop for a case, naming the officer and the agency', () => given([registered]).when(flag).then([flagged]));

  it('flags a shop the platform has closed: enforcement may still pursue it', () => given([registered, closed]).when(flag).then([flagged]));

  it('records a second flag of the same shop as its own statement', () =>
    given([registered, flagged])
      .when({ ...flag, category: 'smuggling', caseReference: 'C-2' })
      .then([{ type: 'ShopFlagged', data: { ...flagged.data, category: 'smuggling', caseReference: 'C-2' } }]));

  it('refuses a shop the registry does not know', () => given([]).when(flag).thenFails('not_found', 'shop shopee:s-1'));
});
