/** The categories Decree 117/2025/ND-CP sets rates for; a platform that cannot tell says `unknown`. */
export const TAX_CATEGORIES = ['goods', 'services', 'transport_and_attached_services', 'unknown'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const isTaxCategory = (value: unknown): value is TaxCategory => TAX_CATEGORIES.includes(value as TaxCategory);
