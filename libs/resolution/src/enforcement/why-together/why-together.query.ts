import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';

type WhyAnswer = Awaited<ReturnType<IdentityGraphReader['why']>>;

/** Why two shops are, or are not, one operator at `asOf`. */
export class ExplainWhyTogether extends Query<WhyAnswer> {
  constructor(
    readonly a: string,
    readonly b: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(ExplainWhyTogether)
export class ExplainWhyTogetherHandler implements IQueryHandler<ExplainWhyTogether> {
  constructor(private readonly reader: IdentityGraphReader) {}

  execute({ a, b, asOf }: ExplainWhyTogether): Promise<WhyAnswer> {
    return this.reader.why(a, b, asOf);
  }
}
