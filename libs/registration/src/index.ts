import { CreateShopDirectory1764400002000 } from './shop-directory/1764400002000-create-shop-directory';
import { ShopDirectoryProjection } from './shop-directory/shop-directory.projection';

export * from './registration.module';
export const registrationMigrations = [CreateShopDirectory1764400002000];
export const registrationProjections = [ShopDirectoryProjection];
export * from './personal-fields';
export { platformOf } from './platform-of';
export { GetShopStatuses } from './shop-directory/shop-statuses.query';
