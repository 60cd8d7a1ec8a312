import { PersonalFieldsByEventType, dataSubjectOf, dataSubjectScope } from '@registry/privacy/core';

const wholeRecord = (stream: string) => stream;

/**
 * The personal data in registration events. A claim's subject shares one data key with the other
 * claims of its shop in the same role about the same person (a second payout account in the same
 * holder's name; `dataSubjectScope`), so that retention and erasure still take exactly what they
 * took with a key per claim; a claim that names no one has a key of its own (a claim is added once). An attestation record is
 * another; a link's evidence is free text and may name people.
 */
export const registrationPersonalFields: PersonalFieldsByEventType = {
  ClaimAdded: {
    fields: ['subject'],
    scope: (stream, data, blind) => dataSubjectScope(stream, String(data.role), dataSubjectOf(data.subject, 'subject'), blind),
  },
  BankAccountHolderAttested: { fields: ['account', 'holder'], scope: wholeRecord },
  EWalletHolderAttested: { fields: ['wallet', 'holder'], scope: wholeRecord },
  PhoneSubscriberAttested: { fields: ['phone', 'subscriber'], scope: wholeRecord },
  PickupPointAttested: { fields: ['address', 'contact'], scope: wholeRecord },
  ShopsLinked: { fields: ['evidence'], scope: wholeRecord },
};
