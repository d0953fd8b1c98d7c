export * from './lib/docker';
export * from './lib/postgres';
export * from './lib/kafka';
export * from './lib/kafka-broker';
export * from './lib/graphql';
export * from './lib/admin-units';
