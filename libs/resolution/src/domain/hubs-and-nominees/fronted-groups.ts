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
      isOwn = graph
        .controlGroupMembers(group.id)
        .some((member) => graph.edgesOf(member).some((edge) => edge.money && !graph.isHub(edge.joinKey!) && paysTo(graph.edgesOf(member), edge, person)));
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
 * Whether a payout account pays the person: the holder the bank attests is them (by ID number, or
 * by name when the bank gives no number), or, unattested, the payout claim names them as holder.
 */
function paysTo(edgesOfShop: readonly GraphEdge[], money: GraphEdge, person: Identity): boolean {
  const attribution = money.attribution;
  if (attribution?.status === 'attested') {
    const { nationalId, taxCode, name } = attribution.person;
    if (nationalId !== null || taxCode !== null) return person.ids.has(`nationalId:${nationalId}`) || person.ids.has(`taxCode:${taxCode}`);
    return name !== null && person.names.has(name);
  }
  if (attribution?.status === 'ambiguous') return false;
  const claim = money.fact.provenance.sourceRef;
  const holder = identityOf(edgesOfShop.filter((edge) => edge.role === money.role && edge.fact.provenance.sourceRef === claim));
  return [...holder.ids].some((id) => person.ids.has(id)) || [...holder.names].some((name) => person.names.has(name));
}
