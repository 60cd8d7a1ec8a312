import { AsOf, validOnDate } from './as-of';
import { DateSchedule } from './date-schedule';
import { newDisturbance } from './disturbance';
import { RegistryFact, shopsNamedBy } from './facts';
import { settle } from './regroup';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from './resolution-policy';
import { ResolutionState } from './resolution-state';
import { Cluster, ResolvedGraph, clustersOf } from './resolved-graph';
import { StandingEdges } from './standing-edges';
import { dayAfter } from './valid-period';

/** One step of the registry's history, as the incremental structure takes it. */
export type FactChange =
  | { readonly type: 'added'; readonly fact: RegistryFact }
  | { readonly type: 'removed'; readonly factId: string; readonly position: number }
  | { readonly type: 'dateReached'; readonly date: string };

/**
 * Operators kept current one fact at a time, in position order, with the calendar moved forward by
 * `dateReached`. A change never recomputes the whole graph, only the components around the shops it
 * disturbs (see regroup.ts): a retraction, a withdrawn link or an expired period splits a component
 * the way an addition merges one. The result equals `resolveAt` over the same facts; a property test
 * holds it to that.
 */
export class OperatorClusters {
  private readonly state: ResolutionState;
  private readonly edges: StandingEdges;
  /** Facts added and not removed, whether or not valid on the current date. */
  private readonly known = new Map<string, RegistryFact>();
  private readonly schedule = new DateSchedule();
  private groups = 0;
  private readonly newGroupId = () => this.groups++;

  constructor(start: AsOf, policy: ResolutionPolicy = DEFAULT_RESOLUTION_POLICY) {
    this.state = new ResolutionState(policy, start);
    this.edges = new StandingEdges(this.state);
  }

  /** The live graph: reads see every change applied so far. */
  get graph(): ResolvedGraph {
    return this.state;
  }

  get asOf(): AsOf {
    return this.state.asOf;
  }

  clusters(): Cluster[] {
    return clustersOf(this.state);
  }

  apply(change: FactChange): void {
    switch (change.type) {
      case 'added':
        return this.add(change.fact);
      case 'removed':
        return this.remove(change.factId, change.position);
      case 'dateReached':
        return this.advanceTo(change.date);
    }
  }

  add(fact: RegistryFact): void {
    if (this.known.has(fact.factId)) throw new Error(`fact ${fact.factId} is already applied`);
    this.moveTo(fact.addedAt);
    const disturbance = newDisturbance();
    for (const shop of shopsNamedBy(fact)) {
      if (this.state.firstSeen(shop) !== undefined) continue;
      this.state.registerShop(shop, fact.addedAt);
      disturbance.shops.add(shop);
    }
    this.known.set(fact.factId, fact);
    if (validOnDate(fact, this.asOf.date)) this.edges.stand(fact, disturbance);
    this.scheduleNext(fact);
    settle(this.state, disturbance, this.newGroupId);
  }

  /** A retraction, withdrawal or erasure at a position; an unknown fact changes nothing. */
  remove(factId: string, position: number): void {
    this.moveTo(position);
    const fact = this.known.get(factId);
    if (!fact) return;
    this.known.delete(factId);
    const disturbance = newDisturbance();
    if (this.edges.has(factId)) this.edges.fall(fact, disturbance);
    settle(this.state, disturbance, this.newGroupId);
  }

  /** Moves the calendar forward: facts whose period starts stand, facts whose period ended fall. */
  advanceTo(date: string): void {
    if (date < this.asOf.date) throw new Error(`the date moves forward only: ${date} is before ${this.asOf.date}`);
    this.state.asOf = { ...this.asOf, date };
    const disturbance = newDisturbance();
    for (const factId of this.schedule.takeDue(date)) {
      const fact = this.known.get(factId);
      if (!fact) continue;
      const valid = validOnDate(fact, date);
      if (valid && !this.edges.has(factId)) this.edges.stand(fact, disturbance);
      if (!valid && this.edges.has(factId)) this.edges.fall(fact, disturbance);
      this.scheduleNext(fact);
    }
    settle(this.state, disturbance, this.newGroupId);
  }

  private moveTo(position: number): void {
    if (position < this.asOf.position) throw new Error(`facts arrive in position order: ${position} is before ${this.asOf.position}`);
    this.state.asOf = { ...this.asOf, position };
  }

  /** At most one entry per fact: the next day its standing can change. */
  private scheduleNext(fact: RegistryFact): void {
    if (fact.kind === 'holderAttestation' || fact.kind === 'shopRegistered') return;
    if (this.edges.has(fact.factId)) {
      if (fact.validTo !== null) this.schedule.add(dayAfter(fact.validTo), fact.factId);
    } else if (fact.validFrom !== null && fact.validFrom > this.asOf.date) {
      this.schedule.add(fact.validFrom, fact.factId);
    }
  }
}
