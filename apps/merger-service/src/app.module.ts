import { type DynamicModule, Module } from '@nestjs/common';
import { ApiModule, IdempotencyModule, idempotencyMigrations, subgraphGraphQLModule } from '@xaso/api';
import { AuthModule } from '@xaso/auth';
import type { EventTransport } from '@xaso/messaging';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import { MERGER_ENTITIES, MERGER_MIGRATIONS, UnitsModule } from './units/units.module';

export const MERGER_SERVICE = 'merger';

export interface MergerAppOptions {
  /** Explicit database URL (tests, all-in-one); else MERGER_DATABASE_URL / DATABASE_URL. */
  databaseUrl?: string;
  /** Event transport (tests); default Kafka when KAFKA_BROKERS is set, else the in-process bus. */
  transport?: EventTransport;
  /** pino level (default LOG_LEVEL or info); `silent` for tests and the import CLI. */
  logLevel?: string;
}

@Module({})
export class AppModule {
  static forRoot(options: MergerAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: MERGER_SERVICE, logLevel: options.logLevel }),
        ApiModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({
          service: MERGER_SERVICE,
          url: options.databaseUrl,
          entities: MERGER_ENTITIES,
          migrations: [...MERGER_MIGRATIONS, ...idempotencyMigrations],
        }),
        IdempotencyModule.forRoot(),
        subgraphGraphQLModule({ service: MERGER_SERVICE }),
        UnitsModule.register({ transport: options.transport }),
      ],
    };
  }
}
