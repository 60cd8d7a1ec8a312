import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { PersonKind } from './person-search.dto';

/** Every operator a person controls or fronts, at `asOf`. The value is normalised already. */
export class FindOperatorsOfPerson extends Query<Awaited<ReturnType<IdentityGraphReader['operatorsOfPerson']>>> {
  constructor(
    readonly identifier: { readonly kind: PersonKind; readonly value: string },
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

@QueryHandler(FindOperatorsOfPerson)
export class FindOperatorsOfPersonHandler implements IQueryHandler<FindOperatorsOfPerson> {
  constructor(private readonly reader: IdentityGraphReader) {}

  execute({ identifier, asOf }: FindOperatorsOfPerson) {
    return this.reader.operatorsOfPerson(identifier, asOf);
  }
}
