import { IdentifierRef, OperatorProfile, ResolvedGraph, identifierKey } from '../domain';
import { COUNT_CAP, ShopCounter } from './key-counts';

/**
 * The operator with its leads and hubs counted over the whole graph at the position: the
 * neighbourhood holds only the first few shops of a hub, and lead keys are never walked.
 */
export async function countLeads(count: ShopCounter, graph: ResolvedGraph, operator: OperatorProfile, position: number) {
  return countStated(count, uncountedOf(graph, operator), position);
}

/**
 * The operator with the leads its shops state and its hubs, not counted: what depends on the
 * operator's component alone, which the operator view keeps (a count moves with every shop that
 * states the key, whoever runs it, so it is taken at read time).
 */
export function uncountedOf(graph: ResolvedGraph, operator: OperatorProfile) {
  const stated = new Map<string, IdentifierRef>();
  for (const { shop } of operator.shops) {
    for (const edge of graph.edgesOf(shop)) {
      if (edge.identifier && (edge.identifier.kind === 'address' || edge.identifier.kind === 'personName'))
        stated.set(identifierKey(edge.identifier), edge.identifier);
    }
  }
  // In key order: the order of the counts taken at read time (see countStated) must not depend on the walk.
  const hubs = operator.hubs.map(({ joinKey }) => ({ joinKey })).sort((a, b) => compareText(a.joinKey, b.joinKey));
  return { ...operator, leads: [...stated.values()], hubs };
}

/** An operator as the operator view keeps it: its leads and hubs not counted. */
export type UncountedOperator = ReturnType<typeof uncountedOf>;

/** Counts the leads (those shared by more than one shop are shown) and the hubs, largest first, at the position. */
export async function countStated(count: ShopCounter, operator: UncountedOperator, position: number) {
  // Counted up to a cap: "more than 100 shops state this address" says all a lead needs to say,
  // and counting a name that 20,000 sellers share on every read would cost more than the read.
  const size = await keySizes(count, [...operator.leads.map(identifierKey), ...operator.hubs.map((hub) => hub.joinKey)], position);
  const leads = operator.leads.map((identifier) => ({ identifier, ...size(identifierKey(identifier)) })).filter((lead) => lead.shopCount > 1);
  const hubs = operator.hubs.map((hub) => ({ ...hub, ...size(hub.joinKey) })).sort((a, b) => b.shopCount - a.shopCount || compareText(a.joinKey, b.joinKey));
  return { ...operator, leads, hubs };
}

/** An operator as enforcement is shown it before its shops' statuses and clear values are added. */
export type CountedOperator = Awaited<ReturnType<typeof countStated>>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A phone's join key names its subscriber (`phone:…@…`); the number itself is what shops state. */
const stated = (key: string) => key.split('@')[0];

/** The keys `keySizes` counts, each once, in the order it asks for them. */
export const statedKeys = (keys: readonly string[]): string[] => [...new Set(keys.map(stated))];

/** The keys `countStated` counts for the operator, in the order it asks for them: what the operator view keeps with its answer. */
export const countedKeysOf = (operator: UncountedOperator): string[] =>
  statedKeys([...operator.leads.map(identifierKey), ...operator.hubs.map((hub) => hub.joinKey)]);

/** How many shops state each key, counted up to COUNT_CAP (then `moreThan`). */
export async function keySizes(
  count: ShopCounter,
  keys: readonly string[],
  position: number,
): Promise<(key: string) => { shopCount: number; moreThan: boolean }> {
  const counts = await count(statedKeys(keys), position);
  return (key) => {
    const shopCount = counts.get(stated(key)) ?? 0;
    return shopCount > COUNT_CAP ? { shopCount: COUNT_CAP, moreThan: true } : { shopCount, moreThan: false };
  };
}
