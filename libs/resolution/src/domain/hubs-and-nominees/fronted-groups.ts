import { ShopKey } from '../facts/facts';
import { DECLARED_ROLES, GraphEdge } from '../joins/graph-edge';
import { ResolvedGraph } from '../joins/resolved-graph';

/** The control groups with money behind the shops a declared identity (a key of declared edges) is given for. */
export interface FrontedGroups {
  /** Shops in groups paid to the declared person (an account the bank attests to them, or one whose claim names them). */
  readonly own: readonly ShopKey[];
  /** Shops in groups paid to someone else, or to an account nobody is named for, one list per group. */
  readonly others: readonly (readonly ShopKey[])[];
}

/** How many unrelated money groups the identity fronts: the others, and the declared person's own money as one. */
export const frontedCount = (groups: FrontedGroups): number => groups.others.length + (groups.own.length > 0 ? 1 : 0);

type GraphReads = Pick<ResolvedGraph, 'shopsOn' | 'controlGroupOf' | 'controlGroupMembers' | 'edgesOf' | 'isHub'>;

/**
 * Where the money of the shops a declared identity is given for goes. A group whose money reaches the
 * declared person is their own, however many accounts it takes; every other group with money is
 * someone else's. Shops without a payout account, or paid only into a hub (a payment intermediary's
 * collection account), say nothing and are left out.
 */
export function frontedGroups(graph: GraphReads, joinKey: string): FrontedGroups {
  let known = judged.get(graph);
  if (known === undefined) judged.set(graph, (known = { groups: new Map(), paid: new Map() }));
  let groups = known.groups.get(joinKey);
  if (groups !== undefined) return groups;
  groups = judgeFrontedGroups(graph, joinKey, known.paid);
  // Most keys front nothing (no declared edge): only what is asked again, a declared key's groups, is kept.
  if (groups.own.length > 0 || groups.others.length > 0) known.groups.set(joinKey, groups);
  return groups;
}

/**
 * Each graph's judgements: by key, and whom each control group's money pays. A resolution asks them
 * of every key and again of every shop a rented identity fronts (its nominee flags, its profile),
 * and a graph no longer changes once its control groups are set, which is before anything asks (see
 * `resolveAt`).
 */
const judged = new WeakMap<GraphReads, { groups: Map<string, FrontedGroups>; paid: Map<number, Identity> }>();

function judgeFrontedGroups(graph: GraphReads, joinKey: string, paid: Map<number, Identity>): FrontedGroups {
  const own: ShopKey[] = [];
  const others = new Map<number, ShopKey[]>();
  const verdicts = new Map<string, boolean>();
  for (const [shop, edges] of graph.shopsOn(joinKey)) {
    const declaredOn = edges.filter((edge) => edge.declared);
    if (declaredOn.length === 0) continue;
    const group = graph.controlGroupOf(shop);
    if (!group?.hasMoney) continue;
    const person = declaredPersonOf(graph.edgesOf(shop), declaredOn);
    const verdictKey = `${group.id}|${[...person.ids].sort().join(',')}|${[...person.names].sort().join(',')}`;
    let isOwn = verdicts.get(verdictKey);
    if (isOwn === undefined) {
      let payees = paid.get(group.id);
      if (payees === undefined) paid.set(group.id, (payees = payeesOf(graph, group.id)));
      isOwn = [...person.ids].some((id) => payees.ids.has(id)) || [...person.names].some((name) => payees.names.has(name));
      verdicts.set(verdictKey, isOwn);
    }
    if (isOwn) own.push(shop);
    else others.set(group.id, [...(others.get(group.id) ?? []), shop]);
  }
  return { own, others: [...others.values()] };
}

interface Identity {
  /** `nationalId:…` and `taxCode:…` keys. */
  readonly ids: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

/** The person of the declared claims that put the key on the shop: every identifier those claims give. */
function declaredPersonOf(edgesOfShop: readonly GraphEdge[], declaredOn: readonly GraphEdge[]): Identity {
  const claims = new Set(declaredOn.filter((edge) => DECLARED_ROLES.has(edge.role)).map((edge) => edge.fact.provenance.sourceRef));
  return identityOf(edgesOfShop.filter((edge) => DECLARED_ROLES.has(edge.role) && claims.has(edge.fact.provenance.sourceRef)));
}

function identityOf(edges: readonly GraphEdge[]): Identity {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const edge of edges) {
    const identifier = edge.identifier;
    if (identifier === null || edge.basis === 'accountHolder' || edge.basis === 'phoneSubscriber') continue;
    if (identifier.kind === 'nationalId' || identifier.kind === 'taxCode') ids.add(`${identifier.kind}:${identifier.value}`);
    if (identifier.kind === 'personName') names.add(identifier.value);
  }
  return { ids, names };
}

/**
 * Everyone the group's money pays, by ID number and by name: a person is paid when one of their ID
 * numbers or names is among them. A payout account (not a hub) pays the holder the bank attests (by
 * ID number, or by name when the bank gives no number), or, unattested, whoever its claim names as
 * holder; an account two holders are attested for pays nobody.
 */
function payeesOf(graph: GraphReads, group: number): Identity {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const member of graph.controlGroupMembers(group)) {
    const edges = graph.edgesOf(member);
    for (const money of edges) {
      if (!money.money || graph.isHub(money.joinKey!)) continue;
      const attribution = money.attribution;
      if (attribution?.status === 'attested') {
        const { nationalId, taxCode, name } = attribution.person;
        if (nationalId !== null || taxCode !== null) {
          if (nationalId !== null) ids.add(`nationalId:${nationalId}`);
          if (taxCode !== null) ids.add(`taxCode:${taxCode}`);
        } else if (name !== null) names.add(name);
        continue;
      }
      if (attribution?.status === 'ambiguous') continue;
      const claim = money.fact.provenance.sourceRef;
      const holder = identityOf(edges.filter((edge) => edge.role === money.role && edge.fact.provenance.sourceRef === claim));
      for (const id of holder.ids) ids.add(id);
      for (const name of holder.names) names.add(name);
    }
  }
  return { ids, names };
}
