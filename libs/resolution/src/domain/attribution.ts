import { HolderAttestationFact } from './facts';
import { PersonRef, mergePerson, personOf } from './person';
import { Period, contains, overlaps, periodOf } from './valid-period';

/** Whom a shop's account, wallet or phone belonged to when the shop stated it. */
export type Attribution =
  | { readonly status: 'attested'; readonly person: PersonRef; readonly attestations: readonly HolderAttestationFact[] }
  | { readonly status: 'unattested' }
  | { readonly status: 'ambiguous'; readonly persons: readonly PersonRef[]; readonly attestations: readonly HolderAttestationFact[] };

/**
 * The holder attested on the day the claim starts; when no attestation covers that day, the holder
 * attested at some time during the claim. Numbers are recycled, so a claim made in 2021 belongs to
 * the 2021 subscriber even while it still stands after the number passed to someone else. Two
 * different persons at once is ambiguous, and an ambiguous claim joins nothing.
 */
export function attribute(claimStart: string, claimPeriod: Period, attestations: readonly HolderAttestationFact[]): Attribution {
  const onStart = attestations.filter((attestation) => contains(periodOf(attestation), claimStart));
  const candidates = onStart.length > 0 ? onStart : attestations.filter((attestation) => overlaps(periodOf(attestation), claimPeriod));
  if (candidates.length === 0) return { status: 'unattested' };

  const persons = new Map<string, PersonRef>();
  for (const attestation of candidates) {
    const person = personOf(attestation.holder);
    if (person === null) continue;
    const known = persons.get(person.key);
    persons.set(person.key, known ? mergePerson(known, person) : person);
  }
  const sorted = [...candidates].sort((a, b) => (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0));
  if (persons.size === 0) return { status: 'unattested' };
  if (persons.size === 1) return { status: 'attested', person: [...persons.values()][0], attestations: sorted };
  return { status: 'ambiguous', persons: [...persons.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), attestations: sorted };
}
