import { Controller, OperatorProfile } from '../../domain';

/** An operator as the batch read's full view carries it: the answer of GET …/operator. */
export type OperatorAnswer = Omit<OperatorProfile, 'shops'> & {
  readonly shops: readonly (OperatorProfile['shops'][number] & { readonly status: string | null })[];
};

/**
 * The operator without its evidence, for a sweep: who controls it (first ranked, and through what),
 * its shops with their nominee flags, the nominee identities, how sure. An operator of 1,000 shops
 * asked about through each of them is a few hundred bytes a shop instead of its whole evidence.
 */
export function operatorSummary(operator: OperatorAnswer) {
  const top: Controller | undefined = operator.controllers[0];
  return {
    operatorId: operator.operatorId,
    shops: operator.shops.map((s) => ({ shop: s.shop, platformId: s.platformId, status: s.status, nomineeSuspected: s.nomineeSuspected !== null })),
    summary: operator.summary,
    topController: top ? { person: top.person, confidence: top.confidence, attested: top.attested, through: top.through.map((reach) => reach.kind) } : null,
    nominees: operator.nominees,
    confidence: { level: operator.confidence.level, value: operator.confidence.value },
  };
}
