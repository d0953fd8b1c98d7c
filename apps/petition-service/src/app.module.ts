import { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiModule, IdempotencyModule, idempotencyMigrations, subgraphGraphQLOptions } from '@xaso/api';
import { AuthModule } from '@xaso/auth';
import { ObservabilityModule } from '@xaso/observability';
import { PersistenceModule } from '@xaso/persistence';
import type { DestinationStream } from 'pino';
import { AdministrativeUnitRef } from './petitions/api/petitions.resolver';
import { PETITION_ENTITIES, PETITION_MIGRATIONS, PetitionModule, type PetitionModuleOptions } from './petition.module';

export const PETITION_SERVICE = 'petition';

export interface PetitionAppOptions extends PetitionModuleOptions {
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
        PetitionModule.register(options),
      ],
    };
  }
}
