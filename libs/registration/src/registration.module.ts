import { Module } from '@nestjs/common';
import { AddClaimController } from './add-claim/add-claim.controller';
import { BulkRegisterShopsController } from './bulk-register-shops/bulk-register-shops.controller';
import { ChangeShopProfileController } from './change-shop-profile/change-shop-profile.controller';
import { ChangeShopStatusController } from './change-shop-status/change-shop-status.controller';
import { GetShopController } from './get-shop/get-shop.controller';
import { GetShopHandler, GetShopHistoryHandler } from './get-shop/get-shop.query';
import { EnforcementLinksController } from './link-shops/enforcement-links.controller';
import { ExecuteLinkCommandHandler } from './link-shops/execute-link-command';
import { PlatformLinksController } from './link-shops/platform-links.controller';
import { ListShopsController } from './list-shops/list-shops.controller';
import { ListShopsHandler } from './list-shops/list-shops.query';
import { RegisterShopController } from './register-shop/register-shop.controller';
import { ReviewClaimController } from './review-claim/review-claim.controller';
import { ExecuteShopCommandHandler } from './shop-commands/execute-shop-command';
import { BulkSubmitAttestationsController } from './submit-attestation/bulk-submit-attestations.controller';
import { ExecuteAttestationCommandHandler } from './submit-attestation/execute-attestation-command';
import { SubmitAttestationController } from './submit-attestation/submit-attestation.controller';
import { WithdrawAttestationController } from './withdraw-attestation/withdraw-attestation.controller';
import { GetShopStatusesHandler } from './shop-directory/shop-statuses.query';

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
    BulkSubmitAttestationsController,
    SubmitAttestationController,
    WithdrawAttestationController,
    PlatformLinksController,
    EnforcementLinksController,
  ],
  providers: [
    GetShopStatusesHandler,
    ExecuteShopCommandHandler,
    GetShopHandler,
    GetShopHistoryHandler,
    ListShopsHandler,
    ExecuteAttestationCommandHandler,
    ExecuteLinkCommandHandler,
  ],
})
export class RegistrationModule {}
