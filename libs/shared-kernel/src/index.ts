export * from './canonical-json';
export * from './decider';
export * from './domain-error';
export * from './identifiers';
export * from './vietnam-calendar';
