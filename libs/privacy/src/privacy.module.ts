import { Module } from '@nestjs/common';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.command';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.controller';
import { PersonalDataEraser } from './erasure/personal-data-eraser';
import { ErasureFinalizer } from './finalize-erasures/erasure-finalizer';
import { RetentionJob } from './retention/retention-job';

/** Erasure, its finalization and retention of personal data; the encryption itself sits in the event store (DatabaseModule). */
@Module({
  controllers: [ErasePersonalDataController],
  providers: [PersonalDataEraser, RetentionJob, ErasureFinalizer, ErasePersonalDataHandler],
  exports: [PersonalDataEraser, RetentionJob, ErasureFinalizer],
})
export class PrivacyModule {}
