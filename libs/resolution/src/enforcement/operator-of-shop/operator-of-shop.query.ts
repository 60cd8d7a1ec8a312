import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@registry/shared-kernel';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';

type Answer<M extends 'operatorOf' | 'formation' | 'network'> = Awaited<ReturnType<IdentityGraphReader[M]>>;
type OperatorFound = Answer<'operatorOf'> & { readonly operator: NonNullable<Answer<'operatorOf'>['operator']> };

/** Who runs the shop at `asOf`; a shop the graph does not know is not found. */
export class GetOperatorOfShop extends Query<OperatorFound> {
  constructor(
    readonly shop: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetOperatorOfShop)
export class GetOperatorOfShopHandler implements IQueryHandler<GetOperatorOfShop> {
  constructor(private readonly reader: IdentityGraphReader) {}

  async execute({ shop, asOf }: GetOperatorOfShop): Promise<OperatorFound> {
    const found = await this.reader.operatorOf(shop, asOf);
    if (!found.operator) throw DomainError.notFound(`shop ${shop} at position ${found.point.position}`);
    return { ...found, operator: found.operator };
  }
}

/** How the operator of the shop formed, join by join, at `asOf`. */
export class GetOperatorFormation extends Query<Answer<'formation'>> {
  constructor(
    readonly shop: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetOperatorFormation)
export class GetOperatorFormationHandler implements IQueryHandler<GetOperatorFormation> {
  constructor(private readonly reader: IdentityGraphReader) {}

  execute({ shop, asOf }: GetOperatorFormation): Promise<Answer<'formation'>> {
    return this.reader.formation(shop, asOf);
  }
}

/** The operator of the shop as a graph to draw, at `asOf`. */
export class GetOperatorNetwork extends Query<Answer<'network'>> {
  constructor(
    readonly shop: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetOperatorNetwork)
export class GetOperatorNetworkHandler implements IQueryHandler<GetOperatorNetwork> {
  constructor(private readonly reader: IdentityGraphReader) {}

  execute({ shop, asOf }: GetOperatorNetwork): Promise<Answer<'network'>> {
    return this.reader.network(shop, asOf);
  }
}
