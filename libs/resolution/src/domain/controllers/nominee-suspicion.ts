import { Controller, ControlEvidence } from './controllers';
import { DeclaredOwner, declaredOwnersOf } from './declared-owners';
import { ShopKey } from '../facts/facts';
import { frontedCount, frontedGroups } from '../hubs-and-nominees/fronted-groups';
import { PersonRef, samePerson } from '../facts/person';
import { ResolvedGraph } from '../joins/resolved-graph';
import { roleLabel } from './role-label';

export interface NomineeSuspicion {
  readonly declared: readonly PersonRef[];
  /** Who controls the shop instead, when a partner attests it. */
  readonly controlledBy: PersonRef | null;
  readonly reasons: readonly string[];
  readonly evidence: readonly ControlEvidence[];
}

/**
 * A shop whose declared owner is not its controller. The shop's controller is the person a partner
 * attests for the shop's own payout account or phone, else the operator's top attested controller.
 * A declared identity that is a nominee (it fronts several unrelated operators) is suspect in itself.
 * No attested controller and no nominee identity: nothing to suspect.
 */
export function nomineeSuspicionOf(graph: ResolvedGraph, shop: ShopKey, controllers: readonly Controller[]): NomineeSuspicion | null {
  const owners = declaredOwnersOf(graph, shop);
  if (owners.length === 0) return null;

  const attested = controllers.filter((c) => c.attested);
  const ownControl = attested.filter((c) => c.why.some((e) => e.shop === shop && e.kind !== 'declaredOwner'));
  const candidates = ownControl.length > 0 ? ownControl : attested;
  const controller = candidates[0] ?? null;
  const reasons: string[] = [];
  const evidence: ControlEvidence[] = [];
  if (controller && !owners.some((owner) => candidates.some((c) => samePerson(owner.person, c.person)))) {
    reasons.push(`declared ${describe(owners)} does not control the shop: ${controller.person.key} does`);
    evidence.push(...controller.why.filter((e) => e.kind !== 'declaredOwner'));
  }
  for (const owner of owners) {
    for (const key of owner.identityKeys) {
      if (!graph.isNominee(key)) continue;
      const groups = frontedGroups(graph, key);
      const listed = [...(groups.own.length > 0 ? [`${groups.own.join(', ')} (its own money)`] : []), ...groups.others.map((g) => g.join(', '))];
      reasons.push(`declared identity ${key} fronts shops paid out to ${frontedCount(groups)} unrelated groups: ${listed.join(' | ')}`);
    }
  }
  if (reasons.length === 0) return null;
  return { declared: owners.map((o) => o.person), controlledBy: controller?.person ?? null, reasons, evidence };
}

const describe = (owners: readonly DeclaredOwner[]) => owners.map((o) => `${roleLabel(o.role)} ${o.person.key}`).join(' and ');
