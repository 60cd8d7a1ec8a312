export * from './command-runner.contract';
export * from './event-fixtures';
export * from './event-store.contract';
export * from './sql-event-store.contract';
export * from './projection.contract';
export * from './processor.contract';
