import { PersonalFieldsByEventType } from '@registry/privacy/core';

/**
 * The seller's tax id (for an individual, the national ID) is personal data. It is said once per
 * attribution key, in SellerIdentified, stored encrypted under a data key of that key's stream, and
 * found by erasure through its blind index; obligation events carry only the pseudonymous key.
 * The tax office reads it in clear (feed, Kafka): it is what the events are for.
 */
export const obligationsPersonalFields: PersonalFieldsByEventType = {
  SellerIdentified: { fields: ['seller'], scope: (stream) => stream },
};
