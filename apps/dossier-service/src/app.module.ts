import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ApiModule, IdempotencyModule, idempotencyMigrations, subgraphGraphQLOptions } from '@xaso/api';
import { AuthModule, type AuthModuleOptions } from '@xaso/auth';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { AdministrativeUnitRef } from './statistics/statistics';
import { DOSSIER_SERVICE, DossierModule, type DossierModuleOptions } from './dossier.module';
import { CreateDossierTables1732400000000 } from './dossiers/infrastructure/migrations/1732400000000-create-dossier-tables';
import { ProcedureLegalBasis1732500000000 } from './dossiers/infrastructure/migrations/1732500000000-procedure-legal-basis';

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
          migrations: [...messagingMigrations, CreateDossierTables1732400000000, ProcedureLegalBasis1732500000000, ...unitReplicaMigrations, ...idempotencyMigrations],
        }),
        IdempotencyModule.forRoot(),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(
          subgraphGraphQLOptions({
            service: DOSSIER_SERVICE,
            scalars: { JSON: GraphQLJSON },
            orphanedTypes: [AdministrativeUnitRef],
          }),
        ),
        DossierModule.forRoot(options),
      ],
    };
  }
}
