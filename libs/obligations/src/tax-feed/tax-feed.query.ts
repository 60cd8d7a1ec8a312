import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { TaxFeed, TaxFeedPage } from './tax-feed';

/** A page of the tax office's feed after a cursor. */
export class ReadTaxFeed extends Query<TaxFeedPage> {
  constructor(
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ReadTaxFeed)
export class ReadTaxFeedHandler implements IQueryHandler<ReadTaxFeed> {
  constructor(private readonly feed: TaxFeed) {}

  execute({ after, limit }: ReadTaxFeed): Promise<TaxFeedPage> {
    return this.feed.page(after, limit);
  }
}
