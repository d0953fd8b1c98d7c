import { type DynamicModule, Module } from '@nestjs/common';
import { AdministrativeUnitRef } from '@xaso/api';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { MediationModule } from './mediation/mediation.module';
import { CreatePetitionTables1732500000000 } from './petitions/infrastructure/migrations/1732500000000-create-petition-tables';
import { PetitionsModule, type PetitionsModuleOptions } from './petitions/petitions.module';
import { ReceptionUnitRouting1732600000000 } from './reception/infrastructure/migrations/1732600000000-unit-routing';
import { ReceptionModule } from './reception/reception.module';
import { PETITION_REARRANGEMENT_MIGRATIONS, PetitionRearrangementModule } from './rearrangement/rearrangement.module';

export const PETITION_SERVICE = 'petition';

/** petition-service tables are written with SQL (repositories); TypeORM maps only the messaging tables. */
export const PETITION_ENTITIES = [...messagingEntities];
/** One migration history for the service's database (the first one creates the petition, reception and mediation tables). */
export const PETITION_MIGRATIONS = [CreatePetitionTables1732500000000, ReceptionUnitRouting1732600000000, ...messagingMigrations, ...unitReplicaMigrations, ...PETITION_REARRANGEMENT_MIGRATIONS];

export interface PetitionAppOptions extends PetitionsModuleOptions, ServiceOptions {}

@Module({})
export class AppModule {
  static forRoot(options: PetitionAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forService({
          ...options,
          service: PETITION_SERVICE,
          entities: PETITION_ENTITIES,
          migrations: PETITION_MIGRATIONS,
          graphql: { orphanedTypes: [AdministrativeUnitRef], guardFieldResolvers: true },
        }),
        PetitionsModule.register(options),
        ReceptionModule,
        MediationModule,
        PetitionRearrangementModule,
      ],
    };
  }
}
