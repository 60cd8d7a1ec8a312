import { AsOf } from '../facts/as-of';
import { IdentifierRef, ShopKey } from '../facts/facts';
import { GraphEdge } from './graph-edge';
import { ResolutionPolicy } from '../resolution-policy';

/** An operator (a cluster of shops with one controller), named after its founding shop. */
export type OperatorId = string;

/**
 * Shops connected without any declared identity: the operators a nominee could be fronting.
 * `hasMoney` when one of its shops states a payout account or wallet that is not a hub.
 */
export interface ControlGroup {
  readonly id: number;
  readonly hasMoney: boolean;
}

/** The identity graph resolved into operators at one point; what every read (profile, why, how) works on. */
export interface ResolvedGraph {
  readonly asOf: AsOf;
  readonly policy: ResolutionPolicy;
  /** The position a shop was first named at, undefined for a shop the registry does not know. */
  firstSeen(shop: ShopKey): number | undefined;
  operatorOf(shop: ShopKey): OperatorId | undefined;
  /** The shops of an operator, founding shop first. */
  shopsOf(operator: OperatorId): readonly ShopKey[];
  operatorIds(): readonly OperatorId[];
  edgesOf(shop: ShopKey): readonly GraphEdge[];
  /** The shops on a join key, each with its edges to it. */
  shopsOn(joinKey: string): ReadonlyMap<ShopKey, readonly GraphEdge[]>;
  /** The shops that state an identifier, whether it joins them or not (shops by identifier, leads). */
  holdersOf(identifier: IdentifierRef): readonly ShopKey[];
  /** How many shops state it: the size of a lead, without listing a depot's thousands of shops. */
  holderCount(identifier: IdentifierRef): number;
  isHub(joinKey: string): boolean;
  isNominee(joinKey: string): boolean;
  controlGroupOf(shop: ShopKey): ControlGroup | undefined;
  controlGroupMembers(id: number): readonly ShopKey[];
}
