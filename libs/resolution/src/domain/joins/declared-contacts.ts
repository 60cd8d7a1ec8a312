import { ClaimRole, identifierKey } from '../facts/facts';
import { GraphEdge } from './graph-edge';

/** Where the goods are handed over: who answers there is a sign of control even when it is the declared person. */
const GOODS_ROLES: ReadonlySet<ClaimRole | 'link'> = new Set<ClaimRole | 'link'>(['pickup_point', 'warehouse']);

/**
 * A declared person's own contact details belong to the declared identity wherever the shop states
 * them: a phone or email the shop also gives on a declared claim, or a phone the telecom attests to
 * the declared person. They tell who was declared, not who controls the money, so they are judged
 * with the declared identity (the nominee rule) and never make a control tie. A rented identity's
 * own phone on every shop it fronts would otherwise tie the operators it fronts into one.
 */
export function markDeclaredContacts(edgesOfShop: readonly GraphEdge[]): readonly GraphEdge[] {
  const declaredValues = new Set<string>();
  for (const edge of edgesOfShop) if (edge.declared && edge.identifier !== null) declaredValues.add(identifierKey(edge.identifier));
  if (declaredValues.size === 0) return edgesOfShop;
  const isDeclaredPerson = (person: { nationalId: string | null; taxCode: string | null }) =>
    (person.nationalId !== null && declaredValues.has(`nationalId:${person.nationalId}`)) ||
    (person.taxCode !== null && declaredValues.has(`taxCode:${person.taxCode}`));
  const ownContact = (edge: GraphEdge) => {
    if (edge.declared || edge.money || edge.identifier === null || GOODS_ROLES.has(edge.role)) return false;
    if (edge.identifier.kind !== 'phone' && edge.identifier.kind !== 'email') return false;
    return declaredValues.has(identifierKey(edge.identifier)) || (edge.attribution?.status === 'attested' && isDeclaredPerson(edge.attribution.person));
  };
  return edgesOfShop.map((edge) => (ownContact(edge) ? { ...edge, declared: true } : edge));
}
