export * from './idempotency-key.migration';
export * from './idempotency-key.pruner';
export * from './idempotency.interceptor';
export * from './idempotency.module';
export * from './idempotency.openapi';
export * from './idempotency.options';
export * from './request-fingerprint';
export * from './secret-fields';
