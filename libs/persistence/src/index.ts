export * from './lib/database-url';
export * from './lib/ensure-database';
export * from './lib/embedded-server';
export * from './lib/transaction';
export * from './lib/transaction-runner';
export * from './lib/data-source';
export * from './lib/snake-naming.strategy';
export * from './lib/persistence.module';
