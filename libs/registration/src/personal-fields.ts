import { PersonalFieldsByEventType } from '@registry/privacy/core';

const wholeRecord = (stream: string) => stream;

/**
 * The personal data in registration events. A claim's subject is one data-subject record (its
 * own key, so retention can erase one claim); an attestation record is another; a link's
 * evidence is free text and may name people.
 */
export const registrationPersonalFields: PersonalFieldsByEventType = {
  ClaimAdded: { fields: ['subject'], scope: (stream, data) => `${stream}#claim:${String(data.claimId)}` },
  BankAccountHolderAttested: { fields: ['account', 'holder'], scope: wholeRecord },
  EWalletHolderAttested: { fields: ['wallet', 'holder'], scope: wholeRecord },
  PhoneSubscriberAttested: { fields: ['phone', 'subscriber'], scope: wholeRecord },
  PickupPointAttested: { fields: ['address', 'contact'], scope: wholeRecord },
  ShopsLinked: { fields: ['evidence'], scope: wholeRecord },
};
