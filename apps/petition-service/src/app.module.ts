import { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiModule, IdempotencyModule, idempotencyMigrations, subgraphGraphQLOptions } from '@xaso/api';
import { AuthModule } from '@xaso/auth';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import type { DestinationStream } from 'pino';
import { MediationModule } from './mediation/mediation.module';
import { AdministrativeUnitRef } from './petitions/api/graphql/administrative-unit.resolver';
import { CreatePetitionTables1732500000000 } from './petitions/infrastructure/migrations/1732500000000-create-petition-tables';
import { PetitionsModule, type PetitionsModuleOptions } from './petitions/petitions.module';
import { ReceptionUnitRouting1732600000000 } from './reception/infrastructure/migrations/1732600000000-unit-routing';
import { ReceptionModule } from './reception/reception.module';

export const PETITION_SERVICE = 'petition';

/** petition-service tables are written with SQL (repositories); TypeORM maps only the messaging tables. */
export const PETITION_ENTITIES = [...messagingEntities];
/** One migration history for the service's database (the first one creates the petition, reception and mediation tables). */
export const PETITION_MIGRATIONS = [CreatePetitionTables1732500000000, ReceptionUnitRouting1732600000000, ...messagingMigrations, ...unitReplicaMigrations];

export interface PetitionAppOptions extends PetitionsModuleOptions {
  /** Explicit database URL (tests, all-in-one); else PETITION_DATABASE_URL / DATABASE_URL. */
  databaseUrl?: string;
  logLevel?: string;
  /** Tests capture log lines here. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(options: PetitionAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: PETITION_SERVICE, logLevel: options.logLevel, logDestination: options.logDestination }),
        ApiModule,
        AuthModule.forRoot(),
        PersistenceModule.forService({ service: PETITION_SERVICE, url: options.databaseUrl, entities: PETITION_ENTITIES, migrations: [...PETITION_MIGRATIONS, ...idempotencyMigrations] }),
        IdempotencyModule.forRoot(),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>(
          subgraphGraphQLOptions({
            service: PETITION_SERVICE,
            orphanedTypes: [AdministrativeUnitRef],
            guardFieldResolvers: true,
          }),
        ),
        PetitionsModule.register(options),
        ReceptionModule,
        MediationModule,
      ],
    };
  }
}
