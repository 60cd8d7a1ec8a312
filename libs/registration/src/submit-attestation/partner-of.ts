import { PartnerKind, Principal } from '@registry/platform';

/** A partner attests in its own name only: who it is and what kind of partner come from its credentials, never from the request. */
export function partnerOf(principal: Principal): { partnerId: string; partnerKind: PartnerKind } {
  if (principal.role !== 'partner' || !principal.partnerId || !principal.partnerKind) {
    throw new Error(`principal ${principal.id} is not bound to a partner`);
  }
  return { partnerId: principal.partnerId, partnerKind: principal.partnerKind };
}
