import { Month, firstDay, lastDay } from './month';

/**
 * The part of a shop's claims that decides who owes the tax: a declared owner (or legal
 * representative) whose national ID or tax code the platform verified. Since 1 July 2025 an
 * individual's 12-digit personal ID number is their tax code (Circular 86/2024/TT-BTC).
 */
export interface ShopClaimView {
  readonly role: string;
  readonly status: 'asserted' | 'verified' | 'disputed' | 'retracted';
  readonly verificationMethod: string;
  readonly nationalId?: string;
  readonly taxCode?: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export type TaxId = { readonly taxCode: string } | { readonly nationalId: string };

export type SellerIdentity = { readonly identified: true; readonly taxId: TaxId } | { readonly identified: false; readonly reason: string };

const OWNER_ROLES = ['declared_owner', 'legal_representative'];

/**
 * Who is behind the shop for a month. A claim counts when it is an owner's, is neither disputed
 * nor retracted, was verified (at onboarding by a stated method, or later), names a tax code or a
 * national ID, and holds during the month. Of several, the one in force at the end of the month
 * wins (the latest start); a tax code is preferred to a national ID within a claim.
 */
export function identifySeller(claims: readonly ShopClaimView[], month: Month): SellerIdentity {
  const [start, end] = [firstDay(month), lastDay(month)];
  const candidates = claims.filter(
    (c) =>
      OWNER_ROLES.includes(c.role) &&
      (c.status === 'verified' || (c.status === 'asserted' && c.verificationMethod !== 'none')) &&
      (c.taxCode !== undefined || c.nationalId !== undefined) &&
      (c.validFrom === null || c.validFrom <= end) &&
      (c.validTo === null || c.validTo >= start),
  );
  if (candidates.length === 0) {
    return { identified: false, reason: 'no verified declared owner with a tax code or national ID for the month' };
  }
  const latest = [...candidates].sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0];
  return { identified: true, taxId: latest.taxCode !== undefined ? { taxCode: latest.taxCode } : { nationalId: latest.nationalId! } };
}
