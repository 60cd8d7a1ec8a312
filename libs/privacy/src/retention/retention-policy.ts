/** How long the personal data of one role stays after its shop closed. */
export interface RetentionRule {
  readonly role: string;
  readonly category: 'identity' | 'payment' | 'contact' | 'logistics';
  readonly keepDaysAfterShopClosed: number;
  readonly source: string;
}

const FIVE_YEARS = 1826;
const SIX_MONTHS = 183;

/**
 * The default table; `REGISTRY_RETENTION` (JSON: `{ "<role>": <days>, … }`) overrides the days.
 * DAC7 / OECD model rules keep seller identity and financial-account data 5 years; DSA Art. 30
 * keeps trader contact data for the contract plus 6 months.
 */
export const DEFAULT_RETENTION: readonly RetentionRule[] = [
  { role: 'declared_owner', category: 'identity', keepDaysAfterShopClosed: FIVE_YEARS, source: 'DAC7 / OECD MRDP: records kept 5 years' },
  { role: 'legal_representative', category: 'identity', keepDaysAfterShopClosed: FIVE_YEARS, source: 'DAC7 / OECD MRDP: records kept 5 years' },
  { role: 'payout_account', category: 'payment', keepDaysAfterShopClosed: FIVE_YEARS, source: 'DAC7: financial account identifier, 5 years' },
  { role: 'contact', category: 'contact', keepDaysAfterShopClosed: SIX_MONTHS, source: 'DSA Art. 30(3): contract + 6 months' },
  { role: 'pickup_point', category: 'logistics', keepDaysAfterShopClosed: SIX_MONTHS, source: 'DSA Art. 30(3): contract + 6 months' },
  { role: 'return_address', category: 'logistics', keepDaysAfterShopClosed: SIX_MONTHS, source: 'DSA Art. 30(3): contract + 6 months' },
  { role: 'warehouse', category: 'logistics', keepDaysAfterShopClosed: SIX_MONTHS, source: 'DSA Art. 30(3): contract + 6 months' },
  { role: 'PickupPointAttested', category: 'logistics', keepDaysAfterShopClosed: SIX_MONTHS, source: 'DSA Art. 30(3): contract + 6 months' },
];

export function retentionPolicy(override: string | undefined): readonly RetentionRule[] {
  if (!override) return DEFAULT_RETENTION;
  const days = JSON.parse(override) as Record<string, unknown>;
  for (const [role, value] of Object.entries(days)) {
    if (!DEFAULT_RETENTION.some((rule) => rule.role === role)) throw new Error(`REGISTRY_RETENTION: unknown role ${role}`);
    if (!Number.isInteger(value) || (value as number) < 0) throw new Error(`REGISTRY_RETENTION: ${role} must be a whole number of days`);
  }
  return DEFAULT_RETENTION.map((rule) => (rule.role in days ? { ...rule, keepDaysAfterShopClosed: days[rule.role] as number } : rule));
}
