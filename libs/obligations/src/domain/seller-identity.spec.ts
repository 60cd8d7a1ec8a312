import { ShopClaimView, identifySeller } from './seller-identity';

const owner: ShopClaimView = {
  role: 'declared_owner',
  status: 'asserted',
  verificationMethod: 'vneid_level_2',
  nationalId: '001089012345',
  validFrom: '2025-07-01',
  validTo: null,
};

describe('who owes the tax for a shop', () => {
  it('is the declared owner the platform verified, by national ID (the personal tax code since July 2025)', () =>
    expect(identifySeller([owner], '2025-08')).toEqual({ identified: true, taxId: { nationalId: '001089012345' } }));

  it('is named by tax code when the claim has one', () =>
    expect(identifySeller([{ ...owner, taxCode: '0100233488' }], '2025-08')).toEqual({ identified: true, taxId: { taxCode: '0100233488' } }));

  it('counts a claim verified after onboarding', () =>
    expect(identifySeller([{ ...owner, status: 'verified', verificationMethod: 'none' }], '2025-08').identified).toBe(true));

  it.each([
    ['no claims at all', []],
    ['an owner nobody verified', [{ ...owner, verificationMethod: 'none' }]],
    ['a disputed owner', [{ ...owner, status: 'disputed' as const }]],
    ['a retracted owner', [{ ...owner, status: 'retracted' as const }]],
    ['an owner without an ID number', [{ ...owner, nationalId: undefined }]],
    ['an owner whose claim starts after the month', [{ ...owner, validFrom: '2025-09-01' }]],
    ['an owner whose claim ended before the month', [{ ...owner, validFrom: '2025-01-01', validTo: '2025-07-31' }]],
    ['a payout account holder, not an owner', [{ ...owner, role: 'payout_account' }]],
  ])('is nobody with %s', (_, claims) => expect(identifySeller(claims as ShopClaimView[], '2025-08').identified).toBe(false));

  it('is the owner in force at the end of the month when the owner changed during it', () =>
    expect(
      identifySeller(
        [
          { ...owner, validTo: '2025-08-15' },
          { ...owner, nationalId: '079190000123', validFrom: '2025-08-16' },
        ],
        '2025-08',
      ),
    ).toEqual({ identified: true, taxId: { nationalId: '079190000123' } }));
});
