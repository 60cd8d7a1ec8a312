export * from './counts-items.decorator';
export * from './rate-limit.guard';
