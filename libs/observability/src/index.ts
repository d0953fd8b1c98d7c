export * from './lib/redaction';
export * from './lib/correlation';
export * from './lib/logging';
export * from './lib/metrics';
export * from './lib/health';
export * from './lib/observability.module';
