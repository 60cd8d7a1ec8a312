import { Provider } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';
import { EVENT_CODEC, KEYRING, REGISTRY_CONFIG, RegistryConfig } from '@registry/platform';
import { Keyring, loadKeyring } from '../crypto/keyring';
import { DataKeyStore } from '../data-keys/data-key-store';
import { PersonalDataCodec } from './personal-data-codec';
import { PersonalFieldsByEventType } from './personal-fields';

/**
 * The event codec that encrypts personal fields inside the append transaction, with the keyring
 * and data keys it needs: given to the database module, which sits below privacy and so cannot
 * build it itself.
 */
export function personalDataEncryption(personalFields: PersonalFieldsByEventType): Provider[] {
  return [
    {
      provide: KEYRING,
      inject: [REGISTRY_CONFIG],
      useFactory: (config: RegistryConfig) => loadKeyring(config.secrets, config.dataDir),
    },
    {
      provide: DataKeyStore,
      inject: [SqlDatabase, KEYRING],
      useFactory: (db: SqlDatabase, keyring: Keyring) => new DataKeyStore(db, keyring),
    },
    {
      provide: EVENT_CODEC,
      inject: [DataKeyStore],
      useFactory: (keys: DataKeyStore) => new PersonalDataCodec(keys, personalFields),
    },
  ];
}
