import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { parseSubject } from '../claim/subject';
import { attestationDecider } from './attestation.decide';
import {
  AttestationEvent,
  AttestationStatement,
  BankAccountHolderAttested,
  EWalletHolderAttested,
  PhoneSubscriberAttested,
  PickupPointAttested,
} from './attestation.events';

const given = deciderSpec(attestationDecider);

const record = { partnerId: 'vcb', validFrom: '2024-03-01', validTo: null, attestedBy: 'vcb-api' };
const bankHolder: BankAccountHolderAttested = {
  type: 'BankAccountHolderAttested',
  data: {
    ...record,
    recordId: 'kyc-2024-000123',
    account: 'VCB:0011004455667',
    holder: parseSubject({ fullName: 'Trần Thị Bích', nationalId: '001189012345' }, 'holder'),
  },
};
const wallet: EWalletHolderAttested = {
  type: 'EWalletHolderAttested',
  data: { ...record, partnerId: 'momo', recordId: 'w-77', wallet: 'MOMO:+84912345678', holder: parseSubject({ fullName: 'Trần Thị Bích' }) },
};
const subscriber: PhoneSubscriberAttested = {
  type: 'PhoneSubscriberAttested',
  data: {
    ...record,
    partnerId: 'viettel',
    recordId: 'sub-88120',
    phone: '+84912345678',
    subscriber: parseSubject({ fullName: 'Lê Văn Cường', nationalId: '001089012345' }),
  },
};
const pickup: PickupPointAttested = {
  type: 'PickupPointAttested',
  data: {
    ...record,
    partnerId: 'ghn',
    recordId: 'pp-hn-0042',
    platformId: 'shopee',
    shopId: 's-1',
    address: parseSubject({ address: 'Số 5 ngõ 12, P.Dịch Vọng, Q.Cầu Giấy, Hà Nội' }, 'address'),
    contact: parseSubject({ fullName: 'Phạm Minh Đức', phone: '0987 654 321' }, 'contact'),
  },
};
/** The same statement with some facts changed. */
const restated = <S extends AttestationStatement>(statement: S, changes: Partial<S['data']>): S => ({
  ...statement,
  data: { ...statement.data, ...changes },
});
const attest = (statement: AttestationStatement, partnerKind = 'bank') => ({ type: 'Attest' as const, partnerKind, statement });
const withdrawn: AttestationEvent = { type: 'AttestationWithdrawn', data: { reason: 'account closed', withdrawnBy: 'vcb-api' } };

describe('a partner attestation', () => {
  it('is recorded as the partner states it, identifiers normalised', () => {
    given([]).when(attest(bankHolder)).then([bankHolder]);
    expect(bankHolder.data).toMatchObject({ holder: { nationalId: '001189012345', fullName: { folded: 'tran thi bich' } } });
  });

  it('is made by the partner kind that holds such records, and by no other', () => {
    given([]).when(attest(wallet, 'ewallet')).then([wallet]);
    given([]).when(attest(subscriber, 'telecom')).then([subscriber]);
    given([]).when(attest(pickup, 'carrier')).then([pickup]);
    given([]).when(attest(pickup, 'warehouse')).then([pickup]);
    given([])
      .when(attest(bankHolder, 'telecom'))
      .thenFails('forbidden', /telecom partner does not attest bank account holders/);
    given([]).when(attest(subscriber, 'bank')).thenFails('forbidden');
    given([]).when(attest(wallet, 'bank')).thenFails('forbidden');
    given([]).when(attest(pickup, 'ewallet')).thenFails('forbidden');
  });

  it('sent again with the same facts changes nothing, whichever principal of the partner sends it', () =>
    given([bankHolder])
      .when(attest(restated(bankHolder, { attestedBy: 'vcb-batch' })))
      .thenNothingHappens());

  it('with other facts on the same record is a new statement that supersedes the last', () => {
    const moved = restated(bankHolder, { validTo: '2026-06-30' });
    given([bankHolder]).when(attest(moved)).then([moved]);
    given([bankHolder, moved]).when(attest(bankHolder)).then([bankHolder]);
  });

  it('cannot change the kind of its record', () => {
    const sameRecord = restated(wallet, { partnerId: 'vcb', recordId: bankHolder.data.recordId });
    given([bankHolder])
      .when(attest(sameRecord, 'ewallet'))
      .thenFails('conflict', /kind cannot change/);
  });

  it('is never reopened once withdrawn: a closed record is not reused', () => {
    given([bankHolder, withdrawn])
      .when(attest(bankHolder))
      .thenFails('conflict', /withdrawn; attest under a new record id/);
    given([bankHolder, withdrawn])
      .when(attest(restated(bankHolder, { validFrom: '2025-01-01' })))
      .thenFails('conflict');
  });

  it('is withdrawn once; withdrawing it again changes nothing', () => {
    const withdraw = { type: 'WithdrawAttestation' as const, reason: 'account closed', by: 'vcb-api' };
    given([bankHolder]).when(withdraw).then([withdrawn]);
    given([bankHolder, withdrawn])
      .when({ ...withdraw, reason: 'again' })
      .thenNothingHappens();
  });

  it('cannot withdraw a record that was never attested', () =>
    given([]).when({ type: 'WithdrawAttestation', reason: 'x', by: 'vcb-api' }).thenFails('not_found'));

  it('refuses a period that ends before it starts', () =>
    given([])
      .when(attest(restated(bankHolder, { validFrom: '2026-08-01', validTo: '2026-07-01' })))
      .thenFails('invalid', /validTo/));

  it('accepts a period of one day and an open period', () => {
    const oneDay = restated(bankHolder, { validFrom: '2026-07-01', validTo: '2026-07-01' });
    given([]).when(attest(oneDay)).then([oneDay]);
    const open = restated(bankHolder, { validFrom: null, validTo: null });
    given([]).when(attest(open)).then([open]);
  });

  it('states since when a phone number is held, since numbers are recycled', () =>
    given([])
      .when(attest(restated(subscriber, { validFrom: null }), 'telecom'))
      .thenFails('invalid', /validFrom/));

  it('gives a pickup point an address and a contact person or phone', () => {
    const noAddress = restated(pickup, { address: parseSubject({ fullName: 'Kho GHN Cầu Giấy' }) });
    given([])
      .when(attest(noAddress, 'carrier'))
      .thenFails('invalid', /address\.address/);
    const noContact = restated(pickup, { contact: parseSubject({ email: 'kho@ghn.vn' }) });
    given([])
      .when(attest(noContact, 'carrier'))
      .thenFails('invalid', /contact/);
  });

  it('refuses a record id that carries the numbers the record is about, since stream names are not encrypted', () => {
    const byPhone = restated(subscriber, { recordId: 'sub-0912345678' });
    given([])
      .when(attest(byPhone, 'telecom'))
      .thenFails('invalid', /recordId/);
    const byAccount = restated(bankHolder, { recordId: '0011004455667' });
    given([])
      .when(attest(byAccount))
      .thenFails('invalid', /recordId/);
    const byNationalId = restated(bankHolder, { recordId: 'cccd:001189012345' });
    given([])
      .when(attest(byNationalId))
      .thenFails('invalid', /recordId/);
  });
});
