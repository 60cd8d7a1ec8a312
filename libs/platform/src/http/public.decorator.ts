import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'registry:public';

/** Reachable without credentials: health only (metrics need an admin key, like every other route). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
