import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLJSON } from 'graphql-scalars';
import { AdministrativeUnitRef } from '@xaso/api';
import { messagingEntities, messagingMigrations } from '@xaso/messaging';
import { ServicePlatformModule, type ServiceOptions } from '@xaso/service';
import { unitReplicaMigrations } from '@xaso/unit-replica';
import { CalendarModule } from './calendar/calendar.module';
import { DOSSIER_SERVICE, DossierCoreModule, type DossierModuleOptions } from './common/dossier-core.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { ProceduresModule } from './procedures/procedures.module';
import { StatisticsModule } from './statistics/statistics.module';
import { DOSSIER_REARRANGEMENT_MIGRATIONS, DossierRearrangementModule } from './rearrangement/rearrangement.module';
import { LEGACY_HANDOVER_MIGRATIONS, LegacyHandoverModule } from './legacy-handover/legacy-handover.module';
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
          migrations: [...messagingMigrations, CreateDossierTables1732400000000, ProcedureLegalBasis1732500000000, ...unitReplicaMigrations, ...DOSSIER_REARRANGEMENT_MIGRATIONS, ...LEGACY_HANDOVER_MIGRATIONS],
          graphql: { scalars: { JSON: GraphQLJSON }, orphanedTypes: [AdministrativeUnitRef] },
        }),
        DossierCoreModule.forRoot(options),
        CalendarModule,
        ProceduresModule,
        // Before DossiersModule: GET /api/v1/dossiers/statistics must be routed before GET /api/v1/dossiers/:code.
        StatisticsModule,
        // Before DossiersModule too: POST /api/v1/dossiers/legacy-imports is not a dossier code.
        LegacyHandoverModule,
        DossiersModule,
        DossierRearrangementModule,
      ],
    };
  }
}
