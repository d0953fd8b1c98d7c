export * from './lib/migrations';
export * from './lib/unit-replica';
export * from './lib/unit-replica.handlers';
export * from './lib/unit-replica.health';
export * from './lib/unit-replica.module';
export * from './lib/unit-errors';
export * from './lib/unit-resolution';
export * from './lib/unit-resolver';
