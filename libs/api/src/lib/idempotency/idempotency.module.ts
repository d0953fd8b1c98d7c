import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyKeyPruner } from './idempotency-key.pruner';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_OPTIONS, type IdempotencyOptions, resolveIdempotencyOptions } from './idempotency.options';

/**
 * `Idempotency-Key` for every REST POST of a service (an APP_INTERCEPTOR). Needs the service's
 * PersistenceModule and `idempotencyMigrations` in its migration list.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyOptions = {}): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: resolveIdempotencyOptions(options) },
        IdempotencyKeyStore,
        IdempotencyKeyPruner,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [IdempotencyKeyPruner],
    };
  }
}
