import { PersonalFieldsByEventType } from '@registry/privacy/core';

/**
 * The seller's tax id in obligation events is personal data (a national ID number, for an
 * individual): stored encrypted, under one data key per shop, so an erasure of the shop or of
 * the identifier reaches the tax records too. The tax office reads it decrypted (feed, Kafka).
 */
const perShop = (_stream: string, data: Record<string, unknown>) => `tax-seller:${String(data.platformId)}:${String(data.shopId)}`;

export const obligationsPersonalFields: PersonalFieldsByEventType = {
  ObligationAssessed: { fields: ['seller'], scope: perShop },
  WithholdingShortfallDetected: { fields: ['seller'], scope: perShop },
  AnnualRevenueAttributed: { fields: ['seller'], scope: (stream) => `tax-seller:${stream}` },
};
