import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { Principal } from '../principal';
import { principalDecider } from './principal.decide';
import { PrincipalEvent } from './principal.events';

const given = deciderSpec(principalDecider);

const keyHash = 'a'.repeat(64);
const newKeyHash = 'b'.repeat(64);
const platform: Principal = { id: 'shopee-api', role: 'platform', name: 'Shopee integration', platformId: 'shopee' };
const create = (principal: Principal, hash = keyHash) => ({ type: 'CreatePrincipal' as const, principal, keyHash: hash });
const created: PrincipalEvent = {
  type: 'PrincipalCreated',
  data: { principalId: 'shopee-api', role: 'platform', name: 'Shopee integration', platformId: 'shopee', keyHash },
};
const revoked: PrincipalEvent = { type: 'PrincipalRevoked', data: { reason: 'contract ended' } };

describe('a principal', () => {
  it('is created with its role, its scope and the hash of its API key', () => given([]).when(create(platform)).then([created]));

  it('is created for every role with the scope that role needs', () => {
    const bank: Principal = { id: 'vcb', role: 'partner', name: 'Vietcombank', partnerId: 'vcb', partnerKind: 'bank' };
    given([])
      .when(create(bank))
      .then([{ type: 'PrincipalCreated', data: { principalId: 'vcb', role: 'partner', name: 'Vietcombank', partnerId: 'vcb', partnerKind: 'bank', keyHash } }]);
    const officer: Principal = { id: 'qltt-hn-017', role: 'enforcement', name: 'Officer 017', agency: 'qltt-hn' };
    given([])
      .when(create(officer))
      .then([{ type: 'PrincipalCreated', data: { principalId: 'qltt-hn-017', role: 'enforcement', name: 'Officer 017', agency: 'qltt-hn', keyHash } }]);
    given([])
      .when(create({ id: 'gdt', role: 'tax_office', name: 'Tax office' }))
      .then([{ type: 'PrincipalCreated', data: { principalId: 'gdt', role: 'tax_office', name: 'Tax office', keyHash } }]);
  });

  it('of role platform needs a platform id', () =>
    given([])
      .when(create({ id: 'p-1', role: 'platform', name: 'P' }))
      .thenFails('invalid', /platformId: is required for role platform/));

  it('of role partner needs a partner id and a partner kind', () => {
    given([])
      .when(create({ id: 'p-1', role: 'partner', name: 'P', partnerKind: 'bank' }))
      .thenFails('invalid', /partnerId: is required/);
    given([])
      .when(create({ id: 'p-1', role: 'partner', name: 'P', partnerId: 'vcb' }))
      .thenFails('invalid', /partnerKind: is required/);
    given([])
      .when(create({ id: 'p-1', role: 'partner', name: 'P', partnerId: 'vcb', partnerKind: 'casino' as never }))
      .thenFails('invalid', /partnerKind: must be one of bank, ewallet/);
  });

  it('of role enforcement needs an agency', () =>
    given([])
      .when(create({ id: 'officer-1', role: 'enforcement', name: 'O' }))
      .thenFails('invalid', /agency: is required for role enforcement/));

  it('carries no scope of another role', () =>
    given([])
      .when(create({ ...platform, agency: 'qltt-hn' }))
      .thenFails('invalid', /agency: is only for role enforcement/));

  it('refuses ids that could not name a stream or a principal in event metadata', () => {
    for (const id of ['a', 'Shopee', 'shop:ee', '-shopee', 'x'.repeat(65), 'shop ee']) {
      given([])
        .when(create({ ...platform, id }))
        .thenFails('invalid', /principalId: must be 2 to 64 lowercase/);
    }
    given([])
      .when(create({ ...platform, platformId: 'Shopee VN' }))
      .thenFails('invalid', /platformId: must be 2 to 64/);
  });

  it('may not take the id whose stream marks the first start', () =>
    given([])
      .when(create({ ...platform, id: 'bootstrap' }))
      .thenFails('invalid', /principalId: is reserved/));

  it('refuses an unknown role and an empty name', () => {
    given([])
      .when(create({ ...platform, role: 'root' as never }))
      .thenFails('invalid', /role: must be one of/);
    given([])
      .when(create({ ...platform, name: '  ' }))
      .thenFails('invalid', /name: must be 1 to 200/);
  });

  it('never records anything but a sha256 hex digest as the key hash', () =>
    given([])
      .when(create(platform, 'sir_thisIsAKeyNotAHash'))
      .thenFails('invalid', /keyHash/));

  it('created again is a conflict, never an overwrite', () =>
    given([created])
      .when(create(platform, newKeyHash))
      .thenFails('conflict', /already exists/));

  it('has its API key rotated', () =>
    given([created])
      .when({ type: 'RotateApiKey', keyHash: newKeyHash })
      .then([{ type: 'ApiKeyRotated', data: { keyHash: newKeyHash } }]));

  it('rotated to the key it already has changes nothing', () => given([created]).when({ type: 'RotateApiKey', keyHash }).thenNothingHappens());

  it('is revoked with a reason', () => given([created]).when({ type: 'RevokePrincipal', reason: ' contract ended ' }).then([revoked]));

  it('revoked again changes nothing', () => given([created, revoked]).when({ type: 'RevokePrincipal', reason: 'again' }).thenNothingHappens());

  it('once revoked gets no new key', () =>
    given([created, revoked])
      .when({ type: 'RotateApiKey', keyHash: newKeyHash })
      .thenFails('conflict', /revoked/));

  it('that does not exist can be neither rotated nor revoked', () => {
    given([]).when({ type: 'RotateApiKey', keyHash: newKeyHash }).thenFails('not_found');
    given([]).when({ type: 'RevokePrincipal', reason: 'x' }).thenFails('not_found');
  });

  it('is revoked only with a reason', () =>
    given([created])
      .when({ type: 'RevokePrincipal', reason: ' ' })
      .thenFails('invalid', /reason/));
});
