import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { Claim } from '../claim/claim';
import { parseSubject } from '../claim/subject';
import { shopDecider } from './shop.decide';
import { ShopEvent } from './shop.events';

const given = deciderSpec(shopDecider);

const profile = { displayName: 'Mỹ phẩm Hà Nội', url: 'https://shop.example/mp-hn', category: 'cosmetics' };
const owner: Claim = {
  claimId: 'c-owner',
  role: 'declared_owner',
  subject: parseSubject({ fullName: 'Nguyễn Văn An', nationalId: '001089012345' }),
  verification: { method: 'vneid_level_2', verifiedAt: '2026-07-02T09:00:00.000Z', reference: 'vneid-778' },
  assertedBy: 'platform:shopee',
  validFrom: '2026-07-01',
  validTo: null,
};
const payout: Claim = {
  ...owner,
  claimId: 'c-payout',
  role: 'payout_account',
  subject: parseSubject({ fullName: 'Trần Thị Bích', bankAccount: { bankCode: 'vcb', accountNumber: '0011004455667' } }),
  verification: { method: 'none', verifiedAt: null, reference: null },
};
const registered: ShopEvent = { type: 'ShopRegistered', data: { platformId: 'shopee', shopId: 's-1', ...profile } };
const register = { type: 'RegisterShop' as const, platformId: 'shopee', shopId: 's-1', profile, claims: [owner] };

describe('a shop', () => {
  it('is registered with the claims the platform verified', () =>
    given([])
      .when(register)
      .then([registered, { type: 'ClaimAdded', data: owner }]));

  it('keeps the identifiers of a claim in normalised form', () => {
    expect(payout.subject).toMatchObject({ bankAccount: 'VCB:0011004455667', fullName: { original: 'Trần Thị Bích', folded: 'tran thi bich' } });
  });

  it('registered again with the same content changes nothing', () =>
    given([registered, { type: 'ClaimAdded', data: owner }])
      .when(register)
      .thenNothingHappens());

  it('registered again with other content is a conflict, never an overwrite', () =>
    given([registered])
      .when({ ...register, profile: { ...profile, displayName: 'Other' } })
      .thenFails('conflict'));

  it('refuses a registration that repeats a claim id', () =>
    given([])
      .when({ ...register, claims: [owner, owner] })
      .thenFails('invalid', /appears twice/));

  it('refuses a claim whose validity ends before it starts', () =>
    given([registered])
      .when({ type: 'AddClaim', claim: { ...payout, validFrom: '2026-08-01', validTo: '2026-07-01' } })
      .thenFails('invalid', /validTo/));

  it('records only the profile fields that changed', () =>
    given([registered])
      .when({ type: 'ChangeShopProfile', changes: { displayName: profile.displayName, category: 'fashion' } })
      .then([{ type: 'ShopProfileChanged', data: { changes: { category: 'fashion' } } }]));

  it('cannot be changed before it is registered', () => given([]).when({ type: 'SuspendShop', reason: 'x' }).thenFails('not_found'));

  it('is suspended once; suspending it again changes nothing', () => {
    given([registered])
      .when({ type: 'SuspendShop', reason: 'KYC expired' })
      .then([{ type: 'ShopSuspended', data: { reason: 'KYC expired' } }]);
    given([registered, { type: 'ShopSuspended', data: { reason: 'KYC expired' } }])
      .when({ type: 'SuspendShop', reason: 'again' })
      .thenNothingHappens();
  });

  it('is reinstated after a suspension', () =>
    given([registered, { type: 'ShopSuspended', data: { reason: 'KYC expired' } }])
      .when({ type: 'ReinstateShop', reason: 'KYC renewed' })
      .then([{ type: 'ShopReinstated', data: { reason: 'KYC renewed' } }]));

  it('takes no new claims once closed', () =>
    given([registered, { type: 'ShopClosed', data: { reason: 'seller left' } }])
      .when({ type: 'AddClaim', claim: payout })
      .thenFails('conflict', /closed/));

  it('adds a claim once; the same claim again changes nothing, another under the same id conflicts', () => {
    given([registered])
      .when({ type: 'AddClaim', claim: payout })
      .then([{ type: 'ClaimAdded', data: payout }]);
    given([registered, { type: 'ClaimAdded', data: payout }])
      .when({ type: 'AddClaim', claim: payout })
      .thenNothingHappens();
    given([registered, { type: 'ClaimAdded', data: payout }])
      .when({ type: 'AddClaim', claim: { ...payout, role: 'contact' } })
      .thenFails('conflict');
  });

  it('has a claim verified later, by a stated method', () => {
    const verification = { method: 'bank_confirmation' as const, verifiedAt: '2026-07-03T00:00:00.000Z', reference: 'napas-1' };
    given([registered, { type: 'ClaimAdded', data: payout }])
      .when({ type: 'VerifyClaim', claimId: 'c-payout', verification })
      .then([{ type: 'ClaimVerified', data: { claimId: 'c-payout', verification } }]);
  });

  it('has a claim disputed and retracted, and a retracted claim can no longer be verified', () => {
    const added: ShopEvent[] = [registered, { type: 'ClaimAdded', data: payout }];
    given(added)
      .when({ type: 'DisputeClaim', claimId: 'c-payout', reason: 'holder denies', by: 'partner:vcb' })
      .then([{ type: 'ClaimDisputed', data: { claimId: 'c-payout', reason: 'holder denies', disputedBy: 'partner:vcb' } }]);
    const retracted: ShopEvent = { type: 'ClaimRetracted', data: { claimId: 'c-payout', reason: 'wrong account', retractedBy: 'platform:shopee' } };
    given(added).when({ type: 'RetractClaim', claimId: 'c-payout', reason: 'wrong account', by: 'platform:shopee' }).then([retracted]);
    given([...added, retracted])
      .when({ type: 'RetractClaim', claimId: 'c-payout', reason: 'again', by: 'platform:shopee' })
      .thenNothingHappens();
    given([...added, retracted])
      .when({ type: 'VerifyClaim', claimId: 'c-payout', verification: { method: 'none', verifiedAt: null, reference: null } })
      .thenFails('conflict', /retracted/);
  });

  it('refuses to act on a claim it does not have', () =>
    given([registered]).when({ type: 'RetractClaim', claimId: 'nope', reason: 'x', by: 'p' }).thenFails('not_found'));
});
