import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { OperatorTax } from './operator-tax';

type OperatorTaxAnswer = Awaited<ReturnType<OperatorTax['of']>>;

/** The tax picture of the operator of a shop, for one year or every year with revenue. */
export class GetOperatorTax extends Query<OperatorTaxAnswer> {
  constructor(
    readonly shop: string,
    readonly year: number | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetOperatorTax)
export class GetOperatorTaxHandler implements IQueryHandler<GetOperatorTax> {
  constructor(private readonly tax: OperatorTax) {}

  execute({ shop, year }: GetOperatorTax): Promise<OperatorTaxAnswer> {
    return this.tax.of(shop, year);
  }
}
