import { ControlEvidence } from './controllers';
import { OperatorProfile } from '../describe-operator';
import { ClaimRole, IdentifierRef, ShopKey, identifierKey } from '../facts/facts';
import { isPersonEdge } from '../joins/graph-edge';
import { PersonRef, mergePerson } from '../facts/person';
import { ResolvedGraph } from '../joins/resolved-graph';

/** How a person is tied to a shop: the shop states their ID number, or a partner attests them as the holder of an account, wallet or phone the shop states. */
export interface PersonTie {
  readonly shop: ShopKey;
  readonly how: 'stated' | 'attestedHolder' | 'attestedSubscriber';
  readonly role: ClaimRole;
  readonly identifier: IdentifierRef;
  /** The claim, and the attestations that name the person. */
  readonly facts: readonly string[];
  /** The person as the claim or the attestation describes them. */
  readonly person: PersonRef | null;
}

/**
 * Whether a person (by their key: `nationalId:…`, `taxCode:…`, or for a holder known by name only
 * `personName:…`) is the one a description names: the same key, or one of the same ID numbers.
 */
export const isPerson = (key: string, person: PersonRef): boolean =>
  person.key === key ||
  (person.nationalId !== null && `nationalId:${person.nationalId}` === key) ||
  (person.taxCode !== null && `taxCode:${person.taxCode}` === key);

/**
 * The person's ties to a shop as the graph stands: claims stating their ID number, and claims on an
 * account, wallet or phone attributed to them (the holder attested when the shop stated it, so a
 * recycled number ties a shop to whoever held it then).
 */
export function personTies(graph: ResolvedGraph, shop: ShopKey, personKey: string): PersonTie[] {
  const ties: PersonTie[] = [];
  for (const edge of graph.edgesOf(shop)) {
    if (edge.identifier === null || edge.role === 'link' || isPersonEdge(edge)) continue;
    const attribution = edge.attribution;
    if (attribution?.status === 'attested' && isPerson(personKey, attribution.person)) {
      ties.push({
        shop,
        how: edge.identifier.kind === 'phone' ? 'attestedSubscriber' : 'attestedHolder',
        role: edge.role,
        identifier: edge.identifier,
        facts: [edge.fact.factId, ...attribution.attestations.map((a) => a.factId)],
        person: attribution.person,
      });
    } else if (identifierKey(edge.identifier) === personKey) {
      ties.push({ shop, how: 'stated', role: edge.role, identifier: edge.identifier, facts: [edge.fact.factId], person: null });
    }
  }
  return ties;
}

export type PersonRole = 'controller' | 'declaredOwner' | 'nominee';

/** Why the person has the role: control evidence from the ranking, a nominee suspicion on a shop they are declared for, or a tie nothing else covers. */
export type PersonEvidence =
  | ControlEvidence
  | { readonly kind: 'nomineeSuspected'; readonly shop: ShopKey; readonly controlledBy: PersonRef | null; readonly reasons: readonly string[] }
  | { readonly kind: 'stated'; readonly shop: ShopKey; readonly role: ClaimRole; readonly identifier: IdentifierRef; readonly facts: readonly string[] };

export interface PersonInOperator {
  readonly role: PersonRole;
  /** The person as this operator's evidence describes them. */
  readonly person: PersonRef | null;
  readonly evidence: readonly PersonEvidence[];
}

/**
 * The person's role in an operator: controller when among its attested controllers (payout holder,
 * phone subscriber); else nominee when every shop they are declared for is suspected of being
 * fronted; else controller when ranked first; declared owner otherwise (declared, or stated in
 * another role, without control).
 */
export function personRole(profile: Pick<OperatorProfile, 'controllers' | 'shops'>, personKey: string, ties: readonly PersonTie[]): PersonInOperator {
  const ranked = profile.controllers.find((c) => isPerson(personKey, c.person)) ?? null;
  const declaredFor = profile.shops.filter((s) => s.declaredOwners.some((o) => isPerson(personKey, o.person)));
  const fronts = declaredFor.length > 0 && declaredFor.every((s) => s.nomineeSuspected !== null);
  // Attested control outweighs a suspicion; ranking first on declarations alone does not: a rented
  // identity is often the only person a small operator declares.
  const role: PersonRole = ranked?.attested
    ? 'controller'
    : fronts
      ? 'nominee'
      : ranked !== null && profile.controllers[0] === ranked
        ? 'controller'
        : 'declaredOwner';

  const evidence: PersonEvidence[] = [...(ranked?.why ?? [])];
  if (role === 'nominee') {
    for (const shop of declaredFor)
      evidence.push({ kind: 'nomineeSuspected', shop: shop.shop, controlledBy: shop.nomineeSuspected!.controlledBy, reasons: shop.nomineeSuspected!.reasons });
  }
  // A tie the ranking does not weigh (an ID stated in a contact claim, say) is still shown.
  const weighed = new Set(evidence.flatMap((e) => ('facts' in e ? e.facts : [])));
  for (const tie of ties) {
    if (tie.how === 'stated' && !tie.facts.some((fact) => weighed.has(fact))) {
      evidence.push({ kind: 'stated', shop: tie.shop, role: tie.role, identifier: tie.identifier, facts: tie.facts });
    }
  }

  const descriptions = [
    ranked?.person,
    ...declaredFor.flatMap((s) => s.declaredOwners.map((o) => o.person).filter((p) => isPerson(personKey, p))),
    ...ties.map((t) => t.person),
  ];
  const person = descriptions.reduce<PersonRef | null>((known, p) => (!p ? known : known ? mergePerson(known, p) : p), null);
  return { role, person, evidence };
}
