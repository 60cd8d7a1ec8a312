import { CreateDataKeys1764400010000 } from './data-keys/1764400010000-create-data-keys';
import { TrackErasureFinality1764400013000 } from './data-keys/1764400013000-track-erasure-finality';
import { LeanerPrivacyRows1764400110000 } from './data-keys/1764400110000-leaner-privacy-rows';
import { KeysApartFromScopes1764400221000 } from './data-keys/1764400221000-keys-apart-from-scopes';
import { KeysWithoutMasterKeyId1764400282000 } from './data-keys/1764400282000-keys-without-master-key-id';
import { KeyIdsAsBytes1764400290000 } from './data-keys/1764400290000-key-ids-as-bytes';
import { PersonalTaxCodesIndexedAsNationalIds1764400341000 } from './personal-data-index/1764400341000-personal-tax-codes-indexed-as-national-ids';
import { CreatePersonalDataIndex1764400011000 } from './personal-data-index/1764400011000-create-personal-data-index';
import { LeanerPrivacyIndexes1764400012000 } from './personal-data-index/1764400012000-leaner-privacy-indexes';
import { IndexNamesAndAddresses1764400014000 } from './personal-data-index/1764400014000-index-names-and-addresses';
import { StoreBlindIndexOnce1764400061000 } from './personal-data-index/1764400061000-store-blind-index-once';
import { ShorterStoredBlindIndex1764400111000 } from './personal-data-index/1764400111000-shorter-stored-blind-index';
import { KindsAsLetters1764400151000 } from './personal-data-index/1764400151000-kinds-as-letters';
import { RolesAsLetters1764400280000 } from './personal-data-index/1764400280000-roles-as-letters';
import { BlindIndexesWithTheirRecord1764400281000 } from './personal-data-index/1764400281000-blind-indexes-with-their-record';

export * from './core';
export * from './erasure/erasure.events';
export * from './erasure/personal-data-eraser';
export * from './finalize-erasures/erasure-finalizer';
export * from './personal-data-index/personal-data-index.projection';
export { kindOf } from './personal-data-index/stored-kind';
export { identifiersOf } from './personal-data-index/stored-identifiers';
export * from './privacy.module';
export * from './retention/retention-job';
export * from './retention/retention-policy';
export * from './sealing/personal-data-encryption';

export const privacyMigrations = [
  CreateDataKeys1764400010000,
  CreatePersonalDataIndex1764400011000,
  LeanerPrivacyIndexes1764400012000,
  TrackErasureFinality1764400013000,
  IndexNamesAndAddresses1764400014000,
  StoreBlindIndexOnce1764400061000,
  LeanerPrivacyRows1764400110000,
  ShorterStoredBlindIndex1764400111000,
  KindsAsLetters1764400151000,
  KeysApartFromScopes1764400221000,
  RolesAsLetters1764400280000,
  BlindIndexesWithTheirRecord1764400281000,
  KeysWithoutMasterKeyId1764400282000,
  KeyIdsAsBytes1764400290000,
  PersonalTaxCodesIndexedAsNationalIds1764400341000,
];
