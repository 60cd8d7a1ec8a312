// The encryption without the Nest shell: what other contexts' projections and scripts need (no controller, no module).
export * from './crypto/aes-gcm';
export * from './crypto/blind-index';
export * from './crypto/keyring';
export * from './crypto/key-wrap';
export * from './data-keys/data-key-store';
export * from './data-keys/stored-key-id';
export * from './sealing/personal-fields';
export * from './sealing/personal-data-codec';
export * from './sealing/data-subject-scope';
