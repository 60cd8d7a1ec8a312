/** Why personal data may be erased; the erasure records its ground, never the erased data. */
export const LEGAL_GROUNDS = ['data_subject_request', 'retention_expired', 'court_order', 'consent_withdrawn'] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];

export const PERSONAL_DATA_ERASED = 'PersonalDataErased';

/** What an erasure erased, as counts: personal values by kind (nationalId, phone, personName, …), records by role. */
export interface ErasureSummary {
  readonly values: Readonly<Record<string, number>>;
  readonly records: Readonly<Record<string, number>>;
}

export interface PersonalDataErased {
  readonly type: typeof PERSONAL_DATA_ERASED;
  readonly data: {
    readonly erasureId: string;
    /** The destroyed data keys: random ids, personal data of no one. */
    readonly keyIds: readonly string[];
    /** How the records were found: an identifier kind, a shop, or the retention policy (never the value). */
    readonly matchedBy: string;
    readonly legalGround: LegalGround;
    readonly reference: string;
    /** Absent from erasures recorded before it was counted. */
    readonly erased?: ErasureSummary;
  };
}

export const erasureStream = (erasureId: string) => `erasure-${erasureId}`;
