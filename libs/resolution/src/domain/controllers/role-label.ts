import { ClaimRole } from '../facts/facts';

/** A claim role as an answer reads it: "declared owner", "legal representative", "payout account". */
export const roleLabel = (role: ClaimRole | 'link'): string => role.replace(/_/g, ' ');
