import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLJSON } from 'graphql-scalars';
import { AdministrativeUnitRef } from '@xaso/api';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { DOSSIER_SERVICE, DossierModule, type DossierModuleOptions } from './dossier.module';
import { CreateDossierTables1732400000000 } from './dossiers/infrastructure/migrations/1732400000000-create-dossier-tables';
import { ProcedureLegalBasis1732500000000 } from './dossiers/infrastructure/migrations/1732500000000-procedure-legal-basis';

export interface DossierAppOptions extends DossierModuleOptions, ServiceOptions {}

@Module({})
export class AppModule {
  static forRoot(options: DossierAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: DOSSIER_SERVICE,
          entities: [...messagingEntities],
          migrations: [...messagingMigrations, CreateDossierTables1732400000000, ProcedureLegalBasis1732500000000, ...unitReplicaMigrations],
          graphql: { scalars: { JSON: GraphQLJSON }, orphanedTypes: [AdministrativeUnitRef] },
        }),
        DossierModule.forRoot(options),
      ],
    };
  }
}
