import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';

type ShopsFound = Awaited<ReturnType<IdentityGraphReader['shopsByIdentifier']>>;

/** Every shop tied to an identifier at `asOf`. The value is normalised already. */
export class FindShopsByIdentifier extends Query<ShopsFound> {
  constructor(
    readonly identifier: { readonly kind: string; readonly value: string },
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(FindShopsByIdentifier)
export class FindShopsByIdentifierHandler implements IQueryHandler<FindShopsByIdentifier> {
  constructor(private readonly reader: IdentityGraphReader) {}

  execute({ identifier, asOf }: FindShopsByIdentifier): Promise<ShopsFound> {
    return this.reader.shopsByIdentifier(identifier, asOf);
  }
}
