import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLISODateTime, GraphQLModule } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ApiModule, DateScalar, subgraphGraphQLOptions } from '@xaso/api';
import { AuthModule, type AuthModuleOptions } from '@xaso/auth';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import { AdministrativeUnitRef } from './statistics/statistics';
import { DOSSIER_SERVICE, DossierModule, type DossierModuleOptions } from './dossier.module';
import { CreateDossierTables1732400000000 } from './dossiers/infrastructure/migrations/1732400000000-create-dossier-tables';

/**
 * WORKAROUND (same as merger-service; belongs in @xaso/api): @nestjs/graphql 13 links federation
 * v2.12 by default, which @apollo/subgraph 2.11 rejects. Pin the link to v2.11.
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

export interface DossierAppOptions extends DossierModuleOptions {
  /** Auth overrides (tests). */
  auth?: AuthModuleOptions;
  /** Logs, health and metrics (default true). */
  observability?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: DossierAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(options.observability === false ? [] : [ObservabilityModule.forRoot({ service: DOSSIER_SERVICE })]),
        ApiModule,
        AuthModule.forRoot(options.auth),
        PersistenceModule.forService({
          service: DOSSIER_SERVICE,
          url: options.databaseUrl,
          entities: [...messagingEntities],
          migrations: [...messagingMigrations, CreateDossierTables1732400000000],
        }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          ...subgraphGraphQLOptions({ service: DOSSIER_SERVICE }),
          autoSchemaFile: FEDERATION_2_11,
          // WORKAROUND: the federation driver rebuilds the schema from SDL and drops code-first scalar implementations.
          resolvers: { Date: DateScalar, DateTime: GraphQLISODateTime, JSON: GraphQLJSON },
          // The AdministrativeUnit entity stub is reachable only through _entities.
          buildSchemaOptions: { orphanedTypes: [AdministrativeUnitRef] },
        }),
        DossierModule.forRoot(options),
      ],
    };
  }
}
