// The pure domain of registration (events, states, deciders, claim types): what other contexts read registration's events with.
export * from './attestation/attestation.decide';
export * from './attestation/attestation.events';
export * from './attestation/attestation.state';
export * from './claim/claim';
export * from './claim/subject';
export * from './link/link.decide';
export * from './link/link.events';
export * from './link/link.state';
export * from './shop/shop.decide';
export * from './shop/shop.events';
export * from './shop/shop.state';
