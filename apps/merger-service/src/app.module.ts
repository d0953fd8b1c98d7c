import { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiModule, DateScalar, subgraphGraphQLOptions } from '@xaso/api';
import { AuthModule } from '@xaso/auth';
import type { EventTransport } from '@xaso/messaging';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import { MERGER_ENTITIES, MERGER_MIGRATIONS, UnitsModule } from './units/units.module';

export const MERGER_SERVICE = 'merger';

/**
 * WORKAROUND (belongs in @xaso/api's subgraphGraphQLOptions, reported to its owner):
 * @nestjs/graphql 13 links federation v2.12 (and imports @cacheTag) by default, which
 * @apollo/subgraph 2.11 rejects ("Invalid version v2.12"). Pin the link to v2.11.
 */
const FEDERATION_2_11 = {
  federation: {
    version: 2 as const,
    importUrl: 'https://specs.apollo.dev/federation/v2.11',
    directives: [
      '@authenticated', '@composeDirective', '@context', '@cost', '@extends', '@external', '@fromContext',
      '@inaccessible', '@interfaceObject', '@key', '@listSize', '@override', '@policy', '@provides',
      '@requires', '@requiresScopes', '@shareable', '@tag',
    ],
  },
};

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
          migrations: MERGER_MIGRATIONS,
        }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          ...subgraphGraphQLOptions({ service: MERGER_SERVICE }),
          autoSchemaFile: FEDERATION_2_11,
          // WORKAROUND (also for @xaso/api): the federation driver rebuilds the schema from SDL and
          // drops code-first scalar implementations, so `Date` would accept "2024-02-30" unchecked.
          resolvers: { Date: DateScalar },
        }),
        UnitsModule.register({ transport: options.transport }),
      ],
    };
  }
}
