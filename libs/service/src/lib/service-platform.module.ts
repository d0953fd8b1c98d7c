import { type DynamicModule, Module } from '@nestjs/common';
import { ApiModule, IdempotencyModule, idempotencyMigrations, type SubgraphOptions, subgraphGraphQLModule } from '@xaso/api';
import { AuthModule } from '@xaso/auth';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule, type PersistenceModuleOptions } from '@xaso/persistence';
import type { ServiceOptions } from './service-options';

export interface ServicePlatformOptions extends Omit<ServiceOptions, 'importIfEmpty'> {
  /** Service name, e.g. `dossier`: database env name, log field, metric label. */
  service: string;
  /** The service's TypeORM entities (e.g. `messagingEntities`). */
  entities?: PersistenceModuleOptions['entities'];
  /** The service's migrations; the platform adds its own (`idempotency_key`). */
  migrations: Extract<PersistenceModuleOptions['migrations'], unknown[]>;
  /** Subgraph settings besides the shared ones (scalars, orphaned types, field-resolver guards). */
  graphql?: Omit<SubgraphOptions, 'service'>;
}

/**
 * Everything a service has that is not its features, in one import: JSON logs, health and
 * metrics (ObservabilityModule), input guard + validation + problem+json (ApiModule), the auth
 * guard, the database with its migrations and `TransactionRunner`, `Idempotency-Key` on every
 * REST POST, and the Federation 2 subgraph.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const quiet = options.logger === false;
    return {
      module: ServicePlatformModule,
      imports: [
        ...(options.observability === false
          ? []
          : [
              ObservabilityModule.forRoot({
                service: options.service,
                logLevel: quiet ? 'silent' : options.logLevel,
                logDestination: options.logDestination,
              }),
            ]),
        ApiModule,
        AuthModule.forRoot(options.auth),
        PersistenceModule.forService({
          service: options.service,
          url: options.databaseUrl,
          entities: options.entities ?? [],
          migrations: [...options.migrations, ...idempotencyMigrations],
        }),
        IdempotencyModule.forRoot(options.idempotency),
        subgraphGraphQLModule({ service: options.service, ...options.graphql }),
      ],
    };
  }
}
