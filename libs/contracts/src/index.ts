export * from './lib/envelope';
export * from './lib/topics';
export * from './lib/registry';
export * from './lib/draft';
export * from './events';
