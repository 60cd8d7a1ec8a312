import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'registry:public';

/** Reachable without credentials: health and metrics only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
