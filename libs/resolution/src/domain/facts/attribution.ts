import { HolderAttestationFact } from './facts';
import { PersonRef, mergePerson, personOf } from './person';
import { Period, overlaps, periodOf } from './valid-period';

/** Whom a shop's account, wallet or phone belonged to when the shop stated it. */
export type Attribution =
  | { readonly status: 'attested'; readonly person: PersonRef; readonly attestations: readonly HolderAttestationFact[] }
  | { readonly status: 'unattested' }
  | { readonly status: 'ambiguous'; readonly persons: readonly PersonRef[]; readonly attestations: readonly HolderAttestationFact[] };

const UNATTESTED: Attribution = Object.freeze({ status: 'unattested' });

/**
 * The holder attested while the claim has stood: from the day it starts to its end or the day read,
 * whichever is first. Numbers are recycled, so a claim made in 2021 and ended in 2022 belongs to
 * the 2021 subscriber whoever holds the number now; a claim that still stands after the number
 * passed to someone else could mean either (a stale claim of the old holder, or the new holder's
 * claim dated from before they had the number): two persons, in turn or at once, are ambiguous, and
 * so is one whose holding ended while the claim still stood. An ambiguous claim joins nothing.
 */
export function attribute(claimStart: string, claimPeriod: Period, attestations: readonly HolderAttestationFact[], readDate: string): Attribution {
  if (attestations.length === 0) return UNATTESTED;
  const end = claimPeriod.to !== null && claimPeriod.to < readDate ? claimPeriod.to : readDate;
  const stood: Period = { from: claimStart, to: end < claimStart ? claimStart : end };
  const candidates = attestations.filter((attestation) => overlaps(periodOf(attestation), stood));
  if (candidates.length === 0) return UNATTESTED;

  const persons = new Map<string, PersonRef>();
  for (const attestation of candidates) {
    const person = personOf(attestation.holder);
    if (person === null) continue;
    const known = persons.get(person.key);
    persons.set(person.key, known ? mergePerson(known, person) : person);
  }
  const sorted = [...candidates].sort((a, b) => (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0));
  if (persons.size === 0) return UNATTESTED;
  // A holding that ended while the claim still stood: whoever had the number after is not attested.
  const outlived = candidates.every((attestation) => attestation.validTo !== null && attestation.validTo < stood.to!);
  if (persons.size === 1 && !outlived) return { status: 'attested', person: [...persons.values()][0], attestations: sorted };
  return { status: 'ambiguous', persons: [...persons.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), attestations: sorted };
}
