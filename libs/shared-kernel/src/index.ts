export * from './domain-error';
export * from './identifiers';
