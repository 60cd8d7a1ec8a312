import { Query } from '@nestjs/cqrs';
import { PrincipalListing } from '../principal-directory/principal-directory';

export class ListPrincipalsQuery extends Query<PrincipalListing[]> {}
