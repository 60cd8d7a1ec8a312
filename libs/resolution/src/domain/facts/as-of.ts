import { RegistryFact, ShopKey, shopsNamedBy } from './facts';
import { contains, periodOf } from './valid-period';

/** A point to read the registry at: what was recorded up to an event position, valid on a calendar date. */
export interface AsOf {
  readonly position: number;
  readonly date: string;
}

/** Recorded at or before the position and not yet retracted, withdrawn or erased there. */
export const knownAt = (fact: RegistryFact, position: number): boolean => fact.addedAt <= position && (fact.removedAt === null || position < fact.removedAt);

/**
 * Whether the fact is part of the graph on that date. An attestation is history, not a current edge:
 * "A held this number in 2020–2022" stays true after 2022, and is what tells a recycled number's
 * subscribers apart, so its period is used to attribute claims and never hides it.
 */
export const validOnDate = (fact: RegistryFact, date: string): boolean =>
  fact.kind === 'holderAttestation' || fact.kind === 'shopRegistered' || contains(periodOf(fact), date);

export const standsAt = (fact: RegistryFact, asOf: AsOf): boolean => knownAt(fact, asOf.position) && validOnDate(fact, asOf.date);

export interface StandingFacts {
  readonly asOf: AsOf;
  readonly facts: readonly RegistryFact[];
  /** Every shop named by a fact recorded by then (retracted or not), with the first position it was named at. */
  readonly firstSeen: ReadonlyMap<ShopKey, number>;
}

/** The facts that hold at `asOf`: added ≤ position < removed, and for dated periods valid on the date. */
export function graphAt(facts: readonly RegistryFact[], asOf: AsOf): StandingFacts {
  const firstSeen = new Map<ShopKey, number>();
  for (const fact of facts) {
    if (fact.addedAt > asOf.position) continue;
    for (const shop of shopsNamedBy(fact)) {
      const seen = firstSeen.get(shop);
      if (seen === undefined || fact.addedAt < seen) firstSeen.set(shop, fact.addedAt);
    }
  }
  return { asOf, facts: facts.filter((fact) => standsAt(fact, asOf)), firstSeen };
}
