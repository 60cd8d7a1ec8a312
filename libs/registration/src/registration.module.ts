import { Module } from '@nestjs/common';
import { AddClaimController } from './add-claim/add-claim.controller';
import { BulkRegisterShopsController } from './bulk-register-shops/bulk-register-shops.controller';
import { ChangeShopProfileController } from './change-shop-profile/change-shop-profile.controller';
import { ChangeShopStatusController } from './change-shop-status/change-shop-status.controller';
import { GetShopController } from './get-shop/get-shop.controller';
import { GetShopHandler, GetShopHistoryHandler } from './get-shop/get-shop.query';
import { ListShopsController } from './list-shops/list-shops.controller';
import { RegisterShopController } from './register-shop/register-shop.controller';
import { ReviewClaimController } from './review-claim/review-claim.controller';
import { ExecuteShopCommandHandler } from './shop-commands/execute-shop-command';

/** The write side of platforms and partners: shops, claims, attestations, account links. */
@Module({
  controllers: [
    BulkRegisterShopsController,
    RegisterShopController,
    ChangeShopProfileController,
    ChangeShopStatusController,
    AddClaimController,
    ReviewClaimController,
    GetShopController,
    ListShopsController,
  ],
  providers: [ExecuteShopCommandHandler, GetShopHandler, GetShopHistoryHandler],
})
export class RegistrationModule {}
