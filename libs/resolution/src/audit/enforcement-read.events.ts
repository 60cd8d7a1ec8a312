/** An enforcement read, as the audit trail keeps it: who asked what, for which case and purpose, and whom the answer named. */
export interface EnforcementReadRecorded {
  readonly type: 'EnforcementReadRecorded';
  readonly data: {
    readonly officer: string;
    readonly agency: string | null;
    readonly caseReference: string;
    /** A purpose code (PURPOSE_CODES); records made before the codes hold the free text then sent. */
    readonly purpose: string;
    /** The officer's free text on the purpose: personal data, sealed in the event and kept out of the audit table. */
    readonly purposeNote?: string;
    readonly query: { readonly name: string; readonly params: Readonly<Record<string, string | null>> };
    /** The event position the answer reflected. */
    readonly position: number;
    /** Shops by key, persons by blind-index key: the trail names them without holding personal data in clear. */
    readonly shops: readonly string[];
    readonly persons: readonly string[];
    /** `not_found`: the read found nothing, which the officer learned all the same. */
    readonly outcome: 'answered' | 'not_found';
  };
}

export const ENFORCEMENT_READ_RECORDED = 'EnforcementReadRecorded';
export const AUDIT_STREAM_PREFIX = 'audit-';
