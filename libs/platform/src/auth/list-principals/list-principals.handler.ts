import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PrincipalDirectory, PrincipalListing } from '../principal-directory/principal-directory';
import { ListPrincipalsQuery } from './list-principals.query';

@QueryHandler(ListPrincipalsQuery)
export class ListPrincipalsHandler implements IQueryHandler<ListPrincipalsQuery, PrincipalListing[]> {
  constructor(private readonly directory: PrincipalDirectory) {}

  execute(): Promise<PrincipalListing[]> {
    return this.directory.list();
  }
}
