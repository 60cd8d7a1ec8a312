export const FLAG_CATEGORIES = ['counterfeit', 'smuggling', 'tax_evasion'] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

/** Enforcement suspects the shop of something, for a case. Kept beside the shop's own stream: the platform's stream stays the platform's. */
export interface ShopFlagged {
  readonly type: 'ShopFlagged';
  readonly data: {
    readonly category: FlagCategory;
    readonly caseReference: string;
    readonly note: string;
    readonly flaggedBy: string;
    readonly agency: string | null;
  };
}

export const flagStream = (platformId: string, shopId: string) => `flag-${platformId}:${shopId}`;
