import { ConfidenceLevel, levelOf } from '../explain/confidence-level';
import { declaredOwnersOf } from './declared-owners';
import { IdentifierRef, ShopKey, VerificationMethod, identifierKey } from '../facts/facts';
import { isPersonEdge } from '../joins/graph-edge';
import { PersonRef, mergePerson } from '../facts/person';
import { OperatorId, ResolvedGraph } from '../joins/resolved-graph';
import { roleLabel } from './role-label';

/** Kinds of evidence that a person controls shops, strongest first. */
export const CONTROL_KINDS = ['payoutHolder', 'phoneSubscriber', 'declaredOwner'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** One reason to think a person controls a shop of the operator. */
export interface ControlEvidence {
  readonly kind: ControlKind;
  readonly shop: ShopKey;
  readonly identifier: IdentifierRef | null;
  /** What this one shop's evidence counts for (policy.controlWeights). */
  readonly weight: number;
  readonly verification: VerificationMethod;
  /** The claim and the attestations the evidence rests on. */
  readonly facts: readonly string[];
  readonly text: string;
}

/** How far one kind of evidence about a person reaches over the operator's shops. */
export interface ControlReach {
  readonly kind: ControlKind;
  readonly shops: number;
  readonly ofShops: number;
  /** The kind's weight averaged over all the operator's shops (0 for a shop without it). */
  readonly value: number;
}

export interface Controller {
  readonly person: PersonRef;
  /** The person's strongest reach, first, then the others. */
  readonly through: readonly ControlReach[];
  /** The best reach's value, as a word and a number. */
  readonly confidence: ConfidenceLevel;
  /** Whether a partner (bank, e-wallet, telecom) attests the control, beyond what the shops declare. */
  readonly attested: boolean;
  readonly why: readonly ControlEvidence[];
}

/**
 * The persons who control an operator, most likely first. Each kind of evidence counts per shop and
 * is averaged over all the operator's shops: the attested holder of the payout account or wallet
 * (money, 0.9 a shop), the attested subscriber of a shop's phone (0.6; a declared person's own phone
 * is not control, nor is a hub's holder), the declared owner by how it was verified (vneid_level_2 0.5 … none 0.05). A
 * person ranks by their best kind; ties go to the stronger kind, then to more shops. Averaging instead
 * of adding means no saturation: the holder of forty shops' money outranks a one-shop nominee, and
 * two persons are never tied at 1 in a big cluster.
 */
export function rankControllers(graph: ResolvedGraph, operator: OperatorId): Controller[] {
  const weights = graph.policy.controlWeights;
  const shops = graph.shopsOf(operator);
  const found = new Map<string, { person: PersonRef; why: Map<string, ControlEvidence> }>();
  const note = (person: PersonRef, evidence: ControlEvidence) => {
    const entry = found.get(person.key) ?? { person, why: new Map<string, ControlEvidence>() };
    entry.person = mergePerson(entry.person, person);
    const id = `${evidence.kind}|${evidence.shop}|${evidence.identifier ? identifierKey(evidence.identifier) : evidence.facts.join(',')}`;
    if (!entry.why.has(id)) entry.why.set(id, evidence);
    found.set(person.key, entry);
  };

  for (const shop of shops) {
    for (const edge of graph.edgesOf(shop)) {
      const attribution = edge.attribution;
      if (attribution?.status !== 'attested' || edge.identifier === null || isPersonEdge(edge) || edge.declared) continue;
      // A payment intermediary holds the money of hundreds of sellers and a shipper answers for their goods: neither runs them.
      if (edge.joinKey !== null && graph.isHub(edge.joinKey)) continue;
      const payout = edge.money;
      if (!payout && edge.identifier.kind !== 'phone') continue;
      const attesters = attribution.attestations.map((a) => `${a.provenance.assertedBy} (record ${a.provenance.sourceRef})`).join(', ');
      note(attribution.person, {
        kind: payout ? 'payoutHolder' : 'phoneSubscriber',
        shop,
        identifier: edge.identifier,
        weight: payout ? weights.payoutHolder : weights.phoneSubscriber,
        verification: attribution.attestations[0].provenance.verification,
        facts: [edge.fact.factId, ...attribution.attestations.map((a) => a.factId)],
        text: payout
          ? `holds ${shop}'s payout ${edge.identifier.kind} ${edge.identifier.value}, attested by ${attesters}`
          : `subscriber of ${shop}'s ${roleLabel(edge.role)} phone ${edge.identifier.value} when the shop gave it, attested by ${attesters}`,
      });
    }
    for (const owner of declaredOwnersOf(graph, shop)) {
      note(owner.person, {
        kind: 'declaredOwner',
        shop,
        identifier: null,
        weight: weights.declaredOwner[owner.verification],
        verification: owner.verification,
        facts: owner.facts,
        text: `${roleLabel(owner.role)} of ${shop} (claim ${owner.claim}, verified by ${owner.verification})`,
      });
    }
  }

  const ranked = [...found.values()].map(({ person, why }) => {
    const evidence = [...why.values()].sort((a, b) => CONTROL_KINDS.indexOf(a.kind) - CONTROL_KINDS.indexOf(b.kind) || b.weight - a.weight);
    const through = CONTROL_KINDS.flatMap((kind) => reachOf(kind, evidence, shops.length)).sort(strongerReach);
    return { person, through, confidence: levelOf(through[0].value, graph.policy), attested: evidence.some((e) => e.kind !== 'declaredOwner'), why: evidence };
  });
  return ranked.sort((a, b) => strongerReach(a.through[0], b.through[0]) || (a.person.key < b.person.key ? -1 : 1));
}

/** The kind's best weight per shop, averaged over all the operator's shops. */
function reachOf(kind: ControlKind, evidence: readonly ControlEvidence[], ofShops: number): ControlReach[] {
  const best = new Map<ShopKey, number>();
  for (const e of evidence) if (e.kind === kind) best.set(e.shop, Math.max(best.get(e.shop) ?? 0, e.weight));
  if (best.size === 0) return [];
  const total = [...best.values()].reduce((sum, weight) => sum + weight, 0);
  // Rounded so that sums of the same weights in another order compare equal.
  return [{ kind, shops: best.size, ofShops, value: Math.round((total / ofShops) * 1e6) / 1e6 }];
}

const strongerReach = (a: ControlReach, b: ControlReach): number =>
  b.value - a.value || CONTROL_KINDS.indexOf(a.kind) - CONTROL_KINDS.indexOf(b.kind) || b.shops - a.shops;
