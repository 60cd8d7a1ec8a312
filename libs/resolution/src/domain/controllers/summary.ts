import { Confidence } from '../explain/confidence';
import { ConfidenceLevel, levelOf } from '../explain/confidence-level';
import { ControlKind, ControlReach, Controller } from './controllers';
import { ShopKey, platformOf } from '../facts/facts';
import { PersonRef } from '../facts/person';
import { ResolvedGraph } from '../joins/resolved-graph';

/** The first lines of an operator answer: who controls it, through what, how sure. */
export interface OperatorSummary {
  /** The top-ranked controller; null when nothing names a person. */
  readonly controller: PersonRef | null;
  /** What makes them the controller, strongest first: "attested holder of the payout account of 38 of 38 shops". */
  readonly through: readonly string[];
  /** The lower of how sure the controller is and how sure the shops are one operator. */
  readonly confidence: ConfidenceLevel;
  readonly text: string;
}

const REACH: { readonly [K in ControlKind]: string } = {
  payoutHolder: 'attested holder of the payout account',
  phoneSubscriber: 'attested subscriber of the phone',
  declaredOwner: 'declared owner',
};

const describeReach = (reach: ControlReach) => `${REACH[reach.kind]} of ${reach.shops} of ${reach.ofShops} shop${reach.ofShops === 1 ? '' : 's'}`;

const nameOf = (person: PersonRef) =>
  [person.name, person.nationalId !== null ? `national ID ${person.nationalId}` : null, person.taxCode !== null ? `tax code ${person.taxCode}` : null]
    .filter((part) => part !== null)
    .join(', ');

export function summarise(graph: ResolvedGraph, shops: readonly ShopKey[], controllers: readonly Controller[], joins: Confidence): OperatorSummary {
  const top = controllers[0] ?? null;
  const platforms = new Set(shops.map(platformOf)).size;
  const scope = `${shops.length} shop${shops.length === 1 ? '' : 's'} on ${platforms} platform${platforms === 1 ? '' : 's'}`;
  const why = joins.weakestJoin === null ? 'one shop' : `the weakest join is a shared ${joins.weakestJoin.basis} (${joins.level}, ${joins.value})`;
  if (top === null) {
    const confidence = levelOf(0, graph.policy);
    return { controller: null, through: [], confidence, text: `No person is known to control the ${scope}; ${why}.` };
  }
  const through = top.through.map(describeReach);
  const confidence = top.confidence.value <= joins.value ? top.confidence : levelOf(joins.value, graph.policy);
  const text = `${nameOf(top.person)} controls the ${scope} as ${through.join('; ')}. Confidence ${confidence.level} (${confidence.value}): as controller ${top.confidence.level} (${top.confidence.value}); ${why}.`;
  return { controller: top.person, through, confidence, text };
}
