import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ShopKey, shopKey } from '../../domain';
import { IdentityGraphReader, ReadPoint, Subjects } from '../../reading/identity-graph.reader';
import { OperatorView } from './operator-search.dto';
import { OperatorAnswer, operatorSummary } from './operator-summary';

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

@QueryHandler(FindOperatorsOfShops)
export class FindOperatorsOfShopsHandler implements IQueryHandler<FindOperatorsOfShops> {
  constructor(private readonly reader: IdentityGraphReader) {}

  async execute({ shops, asOf, view }: FindOperatorsOfShops) {
    const keys: ShopKey[] = shops.map((s) => shopKey(s.platformId, s.shopId));
    const { point, answers, subjects } = await this.reader.operatorsOf(keys, asOf);
    // Shops of one operator share one answer object; the summary is made once for each too.
    const summaries = new Map<OperatorAnswer, ReturnType<typeof operatorSummary>>();
    const shaped = (operator: OperatorAnswer) => {
      if (view === 'full') return operator;
      if (!summaries.has(operator)) summaries.set(operator, operatorSummary(operator));
      return summaries.get(operator)!;
    };
    const results: Result[] = shops.map(({ platformId, shopId }, i) => {
      const answer = answers.get(keys[i]) ?? null;
      if (answer === null) return { platformId, shopId, operator: null, error: 'notFound' };
      return { platformId, shopId, operator: shaped(answer.operator), ...(answer.truncated ? { truncated: true as const } : {}) };
    });
    return { point, subjects, view, results };
  }
}
