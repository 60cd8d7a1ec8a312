// What the database module needs: no Nest controller, nothing that imports @registry/platform.
export * from './crypto/aes-gcm';
export * from './crypto/blind-index';
export * from './crypto/keyring';
export * from './data-keys/data-key-store';
export * from './sealing/personal-fields';
export * from './sealing/personal-data-codec';
