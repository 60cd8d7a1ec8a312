/**
 * The registry's answers for a market scored beside two naive resolvers computed from the same claims:
 * union over the declared national IDs only, and union over every identifier the claims carry.
 */
import { IdentifierKind, matchedKind, parseIdentifier } from '@registry/shared-kernel';
import { ClaimBody, Market, MarketShop } from './market';
import { FlagScore, PairScore, scoreControllers, scoreFlags, scorePairs, unionByKeys } from './score';

/** What the enforcement API answered for one shop, reduced to what is scored. */
export interface OperatorAnswer {
  readonly operatorId: string;
  /** National ID of the top-ranked controller (or its 12-digit personal tax code, the same number since July 2025). */
  readonly controllerNationalId: string | null;
  readonly nomineeSuspected: boolean;
}

export interface QualityReport {
  readonly shops: number;
  readonly operators: number;
  /** Shops the registry had no operator for (each scored as a group of its own). */
  readonly unanswered: number;
  readonly registry: PairScore;
  readonly controllerRight: number;
  readonly nominees: FlagScore;
  readonly declaredIdsOnly: PairScore;
  readonly everyIdentifier: PairScore;
}

export const shopKeyOf = (shop: Pick<MarketShop, 'platformId' | 'registration'>) => `${shop.platformId}:${shop.registration.shopId}`;

/** `answers` by shop key (`platform:shopId`); a missing answer is a shop the registry could not place. */
export function qualityReport(market: Market, answers: ReadonlyMap<string, OperatorAnswer>): QualityReport {
  const shops = market.shops;
  const truth = shops.map((shop) => shop.truth.operator);
  const answered = shops.map((shop) => answers.get(shopKeyOf(shop)));
  return {
    shops: shops.length,
    operators: new Set(truth).size,
    unanswered: answered.filter((a) => !a).length,
    registry: scorePairs(
      truth,
      answered.map((a, i) => a?.operatorId ?? `unanswered:${i}`),
    ),
    controllerRight: scoreControllers(shops.map((shop, i) => ({ truth: shop.truth.operatorNationalId, answered: answered[i]?.controllerNationalId ?? null }))),
    nominees: scoreFlags(shops.map((shop, i) => ({ truth: shop.truth.nominee, flagged: answered[i]?.nomineeSuspected ?? false }))),
    declaredIdsOnly: scorePairs(
      truth,
      unionByKeys(
        shops.map((shop) =>
          identifiersOf(
            shop.registration.claims.filter((c) => c.role === 'declared_owner'),
            ['nationalId', 'taxCode'],
          ).filter((key) => key.startsWith('nationalId:')),
        ),
      ),
    ),
    everyIdentifier: scorePairs(truth, unionByKeys(shops.map((shop) => identifiersOf(shop.registration.claims, LINKING_KINDS)))),
  };
}

const LINKING_KINDS: readonly IdentifierKind[] = ['nationalId', 'taxCode', 'phone', 'email', 'bankAccount', 'eWallet', 'address'];

/** The normalised identifiers of the claims, as `kind:value` (the registry's own normalisers and kinds, so formats never decide a baseline). */
function identifiersOf(claims: readonly ClaimBody[], kinds: readonly IdentifierKind[]): string[] {
  const keys: string[] = [];
  for (const claim of claims) {
    for (const kind of kinds) {
      const raw = claim.subject[kind];
      if (raw === undefined) continue;
      const parsed = parseIdentifier(kind, raw);
      if (!parsed.ok) throw new Error(`the market wrote an invalid ${kind}: ${JSON.stringify(raw)} (${parsed.reason})`);
      // A personal tax code is keyed as the national ID it is (docs/resolution.md), for the baselines as for the registry.
      keys.push(`${matchedKind(kind, parsed.value.value)}:${parsed.value.value}`);
    }
  }
  return keys;
}
