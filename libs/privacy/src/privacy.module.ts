import { Module } from '@nestjs/common';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.controller';
import { PersonalDataEraser } from './erasure/personal-data-eraser';
import { RetentionJob } from './retention/retention-job';

/** Erasure and retention of personal data; the encryption itself sits in the event store (DatabaseModule). */
@Module({
  controllers: [ErasePersonalDataController],
  providers: [PersonalDataEraser, RetentionJob],
  exports: [PersonalDataEraser, RetentionJob],
})
export class PrivacyModule {}

