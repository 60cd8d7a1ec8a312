import { ShopKey } from '../facts/facts';
import { EdgeIndex } from '../joins/edge-index';
import { GraphEdge } from '../joins/graph-edge';
import { JoinBasis, ResolutionPolicy } from '../resolution-policy';
import { UnionFind } from '../joins/union-find';

export const isLinkKey = (joinKey: string): boolean => joinKey.startsWith('link:');

/**
 * What can show that shops on a key are related otherwise: who they are (an ID number), where their
 * money goes (an account, a wallet, its attested holder) and what a platform or enforcement links.
 * Phones and emails are what a shipper or an agent shares with all its clients, so two of them over
 * the same shops never vouch for each other, nor does a phone's subscriber.
 */
const RELATING: ReadonlySet<JoinBasis> = new Set<JoinBasis>([
  'enforcementLink',
  'platformLink',
  'accountHolder',
  'bankAccount',
  'eWallet',
  'nationalId',
  'taxCode',
]);

interface Candidate {
  readonly joinKey: string;
  /** The shops judged: those tied to the key by a control edge, the first `hubSample` in shop order. */
  readonly sample: readonly ShopKey[];
  /** The facts that tie the key to its shops: their other edges (an account's attested holder) say nothing more. */
  readonly ownFacts: ReadonlySet<string>;
}

/**
 * The hubs: keys shared by more than `hubThreshold` otherwise unrelated groups of shops. Only a key
 * tied by control edges (not a declared identity, which the nominee rule judges) to more shops than
 * the threshold can be one. Its shops (the first `hubSample` in shop order, so that a read of a
 * neighbourhood sees the same shops as the whole graph) are grouped by the relating keys they share,
 * leaving out the key itself, the other edges of the facts that stated it, and keys already found to
 * be hubs (declared identities always relate, nominees included: they are judged apart); more groups
 * than the threshold make it a hub. Finding a hub can only add groups to other
 * keys, so the judgement is repeated from "no hubs" until nothing changes: two hubs over the same
 * shops (a collection account and its attested holder) never hold each other up, and one operator's
 * ID, account, phone and email on its 200 shops stay one group for each other.
 */
export function findHubs(edges: EdgeIndex, policy: ResolutionPolicy): Set<string> {
  const candidates: Candidate[] = [];
  for (const joinKey of edges.joinKeys()) {
    const candidate = candidateOf(edges, joinKey, policy);
    if (candidate !== null) candidates.push(candidate);
  }

  let hubs = new Set<string>();
  for (;;) {
    const found = new Set(candidates.filter((candidate) => groupsAmong(edges, candidate, hubs) > policy.hubThreshold).map((c) => c.joinKey));
    if (found.size === hubs.size) return found;
    hubs = found;
  }
}

/** The key as a hub candidate, or null when it is too small to be one (or a link). */
function candidateOf(edges: Pick<EdgeIndex, 'shopsOn'>, joinKey: string, policy: ResolutionPolicy): Candidate | null {
  if (isLinkKey(joinKey)) return null;
  const shops: ShopKey[] = [];
  const ownFacts = new Set<string>();
  for (const [shop, onKey] of edges.shopsOn(joinKey)) {
    const control = onKey.filter((edge) => !edge.declared);
    if (control.length > 0) shops.push(shop);
    for (const edge of control) ownFacts.add(edge.fact.factId);
  }
  if (shops.length <= policy.hubThreshold) return null;
  return { joinKey, sample: shops.sort().slice(0, policy.hubSample), ownFacts };
}

/**
 * The groups a key's shops fall into if no other key were a hub: hubs only ever split groups, so
 * more than the threshold here makes the key a hub whatever the other keys turn out to be. What a
 * read of a neighbourhood uses to call a hub from the facts of its sample alone.
 */
export function groupsIfNoHubs(edges: Pick<EdgeIndex, 'shopsOn' | 'edgesOf'>, joinKey: string, policy: ResolutionPolicy): number {
  const candidate = candidateOf(edges, joinKey, policy);
  return candidate === null ? 0 : groupsAmong(edges, candidate, new Set());
}

/** How many groups the candidate's shops fall into, joined by what else relates them. */
function groupsAmong(edges: Pick<EdgeIndex, 'edgesOf'>, candidate: Candidate, hubs: ReadonlySet<string>): number {
  // A declared identity relates its shops whatever its control side is: the holder of 38 shops' money
  // who is also declared for them is one group, and a hub's verdict is about control edges only.
  const relates = (edge: GraphEdge) =>
    edge.joinKey !== null &&
    RELATING.has(edge.basis!) &&
    !candidate.ownFacts.has(edge.fact.factId) &&
    (edge.declared || (edge.joinKey !== candidate.joinKey && !hubs.has(edge.joinKey)));
  const sets = new UnionFind();
  const firstOn = new Map<string, ShopKey>();
  for (const shop of candidate.sample) {
    sets.add(shop);
    for (const edge of edges.edgesOf(shop)) {
      if (!relates(edge)) continue;
      const first = firstOn.get(edge.joinKey!);
      if (first === undefined) firstOn.set(edge.joinKey!, shop);
      else sets.union(first, shop);
    }
  }
  return sets.groups().length;
}
