import { SetMetadata } from '@nestjs/common';

export const COUNTS_ITEMS = 'registry:counts-items';

/** A bulk route: its request costs one unit of the caller's rate limit per item of `field`, not one in all. */
export const CountsItems = (field: string) => SetMetadata(COUNTS_ITEMS, field);
