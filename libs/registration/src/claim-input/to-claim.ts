import { identifierParsedFor } from '@registry/platform';
import { Claim } from '../domain/claim/claim';
import { parseSubject } from '../domain/claim/subject';
import { ClaimInputDto } from './claim-input.dto';

/** From the validated request to the domain's claim, stamped with who asserts it. */
/** `fallbackId` names a claim the source sent without an id (derived from the request, so a retry names it the same). */
export function toClaim(input: ClaimInputDto, assertedBy: string, path: string, fallbackId: string): Claim {
  return {
    claimId: input.claimId ?? fallbackId,
    role: input.role,
    subject: parseSubject(input.subject, `${path}.subject`, (field) => identifierParsedFor(input.subject, field)),
    verification: {
      method: input.verification?.method ?? 'none',
      verifiedAt: input.verification?.verifiedAt ? new Date(input.verification.verifiedAt).toISOString() : null,
      reference: input.verification?.reference ?? null,
    },
    assertedBy,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
}
