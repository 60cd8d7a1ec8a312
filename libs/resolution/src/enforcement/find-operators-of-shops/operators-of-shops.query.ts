import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ShopKey, describeOperator, shopKey } from '../../domain';
import { IdentityGraphReader, ReadPoint, Subjects } from '../../reading/identity-graph.reader';
import { OperatorView } from './operator-search.dto';
import { OperatorAnswer, operatorSummary } from './operator-summary';

/** Shops walked from at once: one neighbourhood read for all of them, while it stays under the walk's limit. */
const SHOPS_PER_WALK = 200;

type Found = { readonly operator: OperatorAnswer; readonly truncated: boolean } | null;

type Result = {
  readonly platformId: string;
  readonly shopId: string;
  readonly operator: OperatorAnswer | ReturnType<typeof operatorSummary> | null;
  readonly error?: 'notFound';
  readonly truncated?: true;
};

/** The operator of each shop asked about, at one point; one result per shop, in the order asked. */
export class FindOperatorsOfShops extends Query<{ point: ReadPoint; subjects: Subjects; view: OperatorView; results: Result[] }> {
  constructor(
    readonly shops: readonly { readonly platformId: string; readonly shopId: string }[],
    readonly asOf: Date | undefined,
    readonly view: OperatorView,
  ) {
    super();
  }
}

/**
 * Answers each shop as GET …/operator does, all at one read point: at "now" from the operator view
 * (each operator read once for all its shops), with `asOf` walked. Shops are walked from together,
 * and an operator is described once for all its shops: the shops of one operator share one walk
 * and one answer.
 */
@QueryHandler(FindOperatorsOfShops)
export class FindOperatorsOfShopsHandler implements IQueryHandler<FindOperatorsOfShops> {
  constructor(private readonly reader: IdentityGraphReader) {}

  async execute({ shops, asOf, view }: FindOperatorsOfShops) {
    const keys: ShopKey[] = shops.map((s) => shopKey(s.platformId, s.shopId));
    const found = new Map<ShopKey, Found>();
    const named = { shops: new Set(keys), persons: new Set<string>() };
    // At "now", from the operator view as the single read answers, else (asOf, or no view yet) walked.
    const viewed = asOf === undefined ? await this.reader.operatorsInView([...new Set(keys)]) : null;
    const point = viewed?.point ?? (await this.reader.pointOf(asOf));
    if (viewed) {
      for (const [shop, answer] of viewed.answers) {
        found.set(shop, answer && { operator: answer.operator, truncated: answer.truncated });
        answer?.subjects.shops.forEach((s) => named.shops.add(s));
        answer?.subjects.persons.forEach((p) => named.persons.add(p));
      }
    }
    const pending = [...new Set(keys)].filter((shop) => !found.has(shop));
    for (let i = 0; i < pending.length; i += SHOPS_PER_WALK) {
      const start = pending.slice(i, i + SHOPS_PER_WALK).filter((shop) => !found.has(shop));
      if (start.length === 0 || (await this.answerFrom(start, point, found, named))) continue;
      // A walk from many shops that stopped short may miss what a walk from one would reach, as a single read would walk it.
      for (const shop of start) if (!found.has(shop)) await this.answerFrom([shop], point, found, named);
    }

    // Shops of one operator share one answer object; the summary is made once for each too.
    const summaries = new Map<OperatorAnswer, ReturnType<typeof operatorSummary>>();
    const shaped = (operator: OperatorAnswer) => {
      if (view === 'full') return operator;
      if (!summaries.has(operator)) summaries.set(operator, operatorSummary(operator));
      return summaries.get(operator)!;
    };
    const results: Result[] = shops.map(({ platformId, shopId }, i) => {
      const answer = found.get(keys[i]) ?? null;
      if (answer === null) return { platformId, shopId, operator: null, error: 'notFound' };
      return { platformId, shopId, operator: shaped(answer.operator), ...(answer.truncated ? { truncated: true as const } : {}) };
    });
    return { point, subjects: { shops: [...named.shops], persons: [...named.persons] }, view, results };
  }

  /** Answers the shops of one walk and every shop of their operators; false, answering none, when the walk stopped short. */
  private async answerFrom(
    start: readonly ShopKey[],
    point: ReadPoint,
    found: Map<ShopKey, Found>,
    named: { shops: Set<string>; persons: Set<string> },
  ): Promise<boolean> {
    const { graph, neighbourhood } = await this.reader.resolveFrom(start, point);
    if (neighbourhood.truncated && start.length > 1) return false;
    let clear: Promise<Map<string, string>> | undefined;
    for (const shop of start) {
      if (found.has(shop)) continue;
      const operatorId = graph.operatorOf(shop);
      if (operatorId === undefined) {
        found.set(shop, null);
        continue;
      }
      const { operator, subjects } = await this.reader.answerFor(
        describeOperator(graph, operatorId)!,
        graph,
        point.position,
        (clear ??= this.reader.clearValues(neighbourhood)),
      );
      const answer = { operator, truncated: neighbourhood.truncated };
      for (const member of subjects.shops) found.set(member, answer);
      subjects.shops.forEach((s) => named.shops.add(s));
      subjects.persons.forEach((p) => named.persons.add(p));
    }
    return true;
  }
}
