import { randomBytes } from 'node:crypto';
import { dataSubjectOf, dataSubjectScope, scopeDigest } from './data-subject-scope';

describe('the data-key scope of a record', () => {
  const indexKey = randomBytes(32);
  const blind = (personal: string) => scopeDigest(indexKey, personal);
  const an = { original: 'Nguyễn Văn An', folded: 'nguyen van an' };
  const scope = (role: string, subject: unknown) => dataSubjectScope('shop-demo:s1', role, dataSubjectOf(subject, 'subject'), blind);

  it('is one per shop, role and person: claims with the same ID numbers share it whatever else they hold', () => {
    const owner = scope('declared_owner', { nationalId: '001089012345', fullName: an, phone: '+84912345678' });
    expect(scope('declared_owner', { nationalId: '001089012345', fullName: { original: 'Nguyen Van An', folded: 'nguyen van an' } })).toBe(owner);
    expect(scope('legal_representative', { nationalId: '001089012345', fullName: an })).not.toBe(owner);
    expect(scope('declared_owner', { nationalId: '001089099999', fullName: an })).not.toBe(owner);
  });

  it('tells records without an ID number apart by name, and apart from a namesake who bears one', () => {
    const payout = scope('payout_account', { fullName: an, bankAccount: 'VCB:0011004455667' });
    expect(scope('payout_account', { fullName: an, bankAccount: 'VCB:0011004455668' })).toBe(payout);
    expect(scope('payout_account', { fullName: an, nationalId: '001089012345', bankAccount: 'VCB:1' })).not.toBe(payout);
  });

  it('gives a record that names no one no scope: a key of its own', () => {
    expect(scope('pickup_point', { address: { original: '12 Lê Lợi', folded: '12 le loi' }, phone: '+84912345678' })).toBeNull();
  });

  it('holds a person only as a digest under the index key', () => {
    const owner = scope('declared_owner', { nationalId: '001089012345', fullName: an });
    expect(owner).toMatch(/^shop-demo:s1#[A-Za-z0-9_-]{16}$/);
    expect(
      dataSubjectScope('shop-demo:s1', 'declared_owner', dataSubjectOf({ nationalId: '001089012345' }, 'subject'), (p) => scopeDigest(randomBytes(32), p)),
    ).not.toBe(owner);
  });
});
