import { DomainError, parseIdentifier } from '@registry/shared-kernel';
import { AttestationStatement } from '../domain/attestation/attestation.events';
import { parseSubject } from '../domain/claim/subject';
import { AttestationInput } from './attestation.dto';

/** From the validated request to the statement the partner makes in its own name, every identifier normalised. */
export function toStatement(input: AttestationInput, partnerId: string, attestedBy: string): AttestationStatement {
  const record = { recordId: input.recordId, partnerId, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null, attestedBy };
  switch (input.kind) {
    case 'bank_account_holder':
      return {
        type: 'BankAccountHolderAttested',
        data: { ...record, account: identifier('bankAccount', input.account, 'account'), holder: parseSubject(input.holder, 'holder') },
      };
    case 'ewallet_holder':
      return {
        type: 'EWalletHolderAttested',
        data: { ...record, wallet: identifier('eWallet', input.wallet, 'wallet'), holder: parseSubject(input.holder, 'holder') },
      };
    case 'phone_subscriber':
      return {
        type: 'PhoneSubscriberAttested',
        data: { ...record, phone: identifier('phone', input.phone, 'phone'), subscriber: parseSubject(input.subscriber, 'subscriber') },
      };
    case 'pickup_point':
      return {
        type: 'PickupPointAttested',
        data: {
          ...record,
          platformId: input.platformId,
          shopId: input.shopId,
          address: parseSubject(input.address, 'address'),
          contact: parseSubject(input.contact, 'contact'),
        },
      };
  }
}

/** The attested identifier in normalised form; the request was checked with the same parser, so a failure here is the domain's word. */
function identifier(kind: 'bankAccount' | 'eWallet' | 'phone', raw: unknown, field: string): string {
  const parsed = parseIdentifier(kind, raw);
  if (!parsed.ok) throw DomainError.invalid(field, parsed.reason);
  return parsed.value.value;
}
