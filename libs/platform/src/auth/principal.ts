/** Who is calling: every event records the principal whose request caused it. */
export const ROLES = ['platform', 'partner', 'enforcement', 'tax_office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PARTNER_KINDS = ['bank', 'ewallet', 'telecom', 'carrier', 'warehouse'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Principal {
  /** Stable id, written into event metadata, e.g. `platform:shopee` or `officer:qltt-hn-017`. */
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  /** Set for role platform: the only platform whose shops it reads and writes. */
  readonly platformId?: string;
  /** Set for role partner: the partner in whose name it attests. */
  readonly partnerId?: string;
  readonly partnerKind?: PartnerKind;
  /** Set for role enforcement: the agency and officer. */
  readonly agency?: string;
}
