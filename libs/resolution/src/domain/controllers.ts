import { declaredOwnersOf } from './declared-owners';
import { IdentifierRef, ShopKey, VerificationMethod, identifierKey } from './facts';
import { isPersonEdge } from './graph-edge';
import { PersonRef, mergePerson } from './person';
import { OperatorId, ResolvedGraph } from './resolved-graph';

/** One reason to think a person controls an operator. */
export interface ControlEvidence {
  readonly kind: 'payoutHolder' | 'phoneSubscriber' | 'declaredOwner';
  readonly shop: ShopKey;
  readonly identifier: IdentifierRef | null;
  readonly weight: number;
  readonly verification: VerificationMethod;
  /** The claim and the attestations the evidence rests on. */
  readonly facts: readonly string[];
  readonly text: string;
}

export interface Controller {
  readonly person: PersonRef;
  /** 1 − Π(1 − weight) over the evidence: more independent evidence, higher score, never above 1. */
  readonly score: number;
  /** Whether a partner (bank, e-wallet, telecom) attests the control, beyond what the shop declares. */
  readonly attested: boolean;
  readonly why: readonly ControlEvidence[];
}

/**
 * The persons who control an operator, most likely first. The money speaks loudest: the attested
 * holder of a payout account or wallet; then the attested subscriber of a shop's phone; then the
 * declared owners, weighed by how they were verified (vneid_level_2 > nfc_chip > vneid_level_1 >
 * document_check > none). Weights come from the policy.
 */
export function rankControllers(graph: ResolvedGraph, operator: OperatorId): Controller[] {
  const weights = graph.policy.controlWeights;
  const found = new Map<string, { person: PersonRef; why: Map<string, ControlEvidence> }>();
  const note = (person: PersonRef, evidence: ControlEvidence) => {
    const entry = found.get(person.key) ?? { person, why: new Map<string, ControlEvidence>() };
    entry.person = mergePerson(entry.person, person);
    const id = `${evidence.kind}|${evidence.shop}|${evidence.identifier ? identifierKey(evidence.identifier) : evidence.facts.join(',')}`;
    if (!entry.why.has(id)) entry.why.set(id, evidence);
    found.set(person.key, entry);
  };

  for (const shop of graph.shopsOf(operator)) {
    for (const edge of graph.edgesOf(shop)) {
      const attribution = edge.attribution;
      if (attribution?.status !== 'attested' || edge.identifier === null) continue;
      if (isPersonEdge(edge)) continue;
      const payout = edge.money;
      const phone = edge.identifier.kind === 'phone';
      if (!payout && !phone) continue;
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
          : `subscriber of ${shop}'s ${edge.role} phone ${edge.identifier.value} when the shop gave it, attested by ${attesters}`,
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
        text: `declared ${owner.role.replace('_', ' ')} of ${shop} (claim ${owner.claim}, verified by ${owner.verification})`,
      });
    }
  }

  return [...found.values()]
    .map(({ person, why }) => {
      const evidence = [...why.values()].sort((a, b) => b.weight - a.weight);
      return {
        person,
        score: 1 - evidence.reduce((doubt, e) => doubt * (1 - e.weight), 1),
        attested: evidence.some((e) => e.kind !== 'declaredOwner'),
        why: evidence,
      };
    })
    .sort((a, b) => b.score - a.score || (a.person.key < b.person.key ? -1 : 1));
}
